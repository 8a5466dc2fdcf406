package org.dlkit;

import org.dlkit.data.LabelledData;
import org.dlkit.error.DlkitException;
import org.dlkit.eval.EvaluationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code TrainedClassifier.evaluate(LabelledData)} on a file read as a user reads it, {@code LabelledData.fromCsv(file,
 * label)}: its classes are its own (fewer, or in another order), and are matched to the model's by name.
 */
class EvaluateClassesTest {

    @TempDir
    Path dir;

    @Test
    void aFileWithFewerClassesIsEvaluatedAgainstTheModelsClasses() throws IOException {
        Path penguins = Path.of("datasets/penguins.csv");
        TrainedClassifier model = Classifier.builder().seed(7).epochs(30).build()
                .fit(LabelledData.fromCsv(penguins, "Species"));
        List<String> lines = Files.readAllLines(penguins);
        List<String> noAdelie = new ArrayList<>(List.of(lines.get(0)));
        lines.stream().skip(1).filter(l -> !l.startsWith("Adelie")).forEach(noAdelie::add);
        Path file = Files.write(dir.resolve("no-adelie.csv"), noAdelie);

        LabelledData own = LabelledData.fromCsv(file, "Species");
        assertEquals(List.of("Chinstrap", "Gentoo"), own.classNames(), "the file's own classes");
        EvaluationReport report = model.evaluate(own);
        EvaluationReport known = model.evaluate(LabelledData.fromCsv(file, "Species", model.info().classNames()));
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), report.classNames());
        assertEquals(known.accuracy(), report.accuracy());
        assertArrayEquals(known.confusion(), report.confusion());
        assertEquals(0, report.classes().get(0).support(), "no Adelie row");
        assertEquals(68 + 124, report.examples());

        Path emperor = Files.writeString(dir.resolve("emperor.csv"), lines.get(0) + "\nEmperor,Dream,40,18,190,4000,"
                + "MALE\nGentoo,Biscoe,47,15,215,5200,MALE\n");
        DlkitException e = assertThrows(DlkitException.class,
                () -> model.evaluate(LabelledData.fromCsv(emperor, "Species")));
        assertTrue(e.getMessage().endsWith(", line 2, column 'Species': unknown class 'Emperor'; the model knows "
                + "[Adelie, Chinstrap, Gentoo]"), e.getMessage());
    }
}
