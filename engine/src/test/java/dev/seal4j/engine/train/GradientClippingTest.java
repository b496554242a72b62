package dev.seal4j.engine.train;

import dev.seal4j.engine.model.Parameter;
import dev.seal4j.engine.tensor.Parallel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GradientClippingTest {

    @Test
    void theNormIsTheSameBitsWithOneThreadOrSeveral() {
        Random rnd = new Random(4);
        float[] values = new float[200_000], grad = new float[values.length]; // several 64K chunks
        double exact = 0;
        for (int i = 0; i < grad.length; i++) {
            grad[i] = (float) rnd.nextGaussian() * (i % 7 == 0 ? 100 : 0.01f);
            exact += (double) grad[i] * grad[i];
        }
        List<Parameter> params = List.of(new Parameter("w", null, values, grad, true));
        int threads = Parallel.threads();
        try {
            Parallel.setThreads(1);
            double one = GradientClipping.norm(params);
            Parallel.setThreads(3);
            double three = GradientClipping.norm(params);
            assertEquals(one, three, 0.0);
            assertEquals(Math.sqrt(exact), one, 1e-9 * one);
        } finally {
            Parallel.setThreads(threads);
        }
    }
}
