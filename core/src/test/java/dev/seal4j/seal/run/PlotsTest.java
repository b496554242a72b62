package dev.seal4j.seal.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void accuracyChartAsPngAndSvg(@TempDir Path dir) throws Exception {
        List<Path> files = Plots.writeAccuracy(ResultsTest.sample(), dir);
        assertEquals(List.of(dir.resolve("accuracy.png"), dir.resolve("accuracy.svg")), files);
        assertValidPng(files.get(0));
        parseSvg(files.get(1));
    }

    @Test
    void netAccuracyBarsOnlyWhenEveryMethodMeasuredLeakage() {
        Results mixed = ResultsTest.sample();
        assertEquals(Set.of("accuracy"), Plots.accuracyChart(mixed).getSeriesMap().keySet());
        Map<String, MethodResult> all = new LinkedHashMap<>(mixed.methods());
        all.put("base", MethodResult.of(new double[]{0, 1}, new double[]{1, 1}));
        assertEquals(Set.of("accuracy", "net accuracy"), Plots.accuracyChart(new Results(all)).getSeriesMap().keySet());
    }

    @Test
    void rewardDistributionAsPngAndSvg(@TempDir Path dir) throws Exception {
        Random random = new Random(1);
        Map<String, double[]> rounds = new LinkedHashMap<>();
        for (int round = 1; round <= 3; round++) {
            double[] rewards = new double[40];
            for (int i = 0; i < rewards.length; i++) {
                rewards[i] = 0.1 * round + 0.2 * random.nextGaussian();
            }
            rounds.put("round " + round, rewards);
        }
        rounds.put("round 4", new double[0]);
        List<Path> files = Plots.writeRewards(rounds, dir);
        assertValidPng(files.get(0));
        parseSvg(files.get(1));
        assertThrows(IllegalArgumentException.class, () -> Plots.writeRewards(Map.of("r", new double[0]), dir));
    }

    private static void assertValidPng(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_SIGNATURE, java.util.Arrays.copyOf(bytes, 8));
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image);
        assertEquals(900, image.getWidth());
        assertEquals(520, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 3, "something is drawn: " + colours.size() + " colours");
    }

    private static Document parseSvg(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document document = factory.newDocumentBuilder().parse(file.toFile());
        assertEquals("svg", document.getDocumentElement().getLocalName());
        assertTrue(document.getElementsByTagNameNS("*", "path").getLength()
                + document.getElementsByTagNameNS("*", "rect").getLength() > 5, "the SVG has shapes");
        return document;
    }
}
