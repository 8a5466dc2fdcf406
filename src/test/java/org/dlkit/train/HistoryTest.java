package org.dlkit.train;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The history prints as its numbers (what Keras' {@code print(history.history)} shows), not as an object id. */
class HistoryTest {

    @Test
    void printsAsItsCsvAndReadsBack() {
        History history = new History();
        history.add(new EpochRecord(1, 1.25, 0.5, 1.5, 0.25));
        history.add(new EpochRecord(2, 0.75, 0.625, Double.NaN, Double.NaN));
        assertEquals("epoch,train_loss,train_accuracy,val_loss,val_accuracy\n1,1.25,0.5,1.5,0.25\n"
                + "2,0.75,0.625,NaN,NaN\n",
                history.toString().replace(System.lineSeparator(), "\n"));
        assertEquals(history.epochs(), History.fromCsv(history.toString(), Path.of("printed")).epochs());
    }
}
