package org.dlkit.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Line numbers kept as a run while rows are on consecutive lines, as an array once a row breaks the run. */
class LineNumbersTest {

    private static long[] all(LineNumbers n) {
        return IntStream.range(0, n.size()).mapToLong(n::line).toArray();
    }

    private static LineNumbers of(long... lines) {
        LineNumbers n = new LineNumbers();
        for (long line : lines) {
            n.add(line);
        }
        return n;
    }

    @Test
    void runsAndBreaks() {
        assertArrayEquals(new long[] {2, 3, 4}, all(of(2, 3, 4)));
        long[] broken = IntStream.range(0, 40).mapToLong(i -> 2 + i).toArray();
        broken[30] = 100;
        broken[31] = 101;
        assertArrayEquals(broken, all(of(broken)));
        assertArrayEquals(new long[] {1, 2, 3}, all(LineNumbers.consecutive(1, 3)));
    }

    @Test
    void concatAddsEachPartsOffset() {
        // parts counted from line 1 each; part 1 truly starts on line 5, part 2 on line 9 (after a blank line)
        LineNumbers joined = LineNumbers.concat(List.of(of(2, 3, 4), of(1, 2, 3), new LineNumbers(), of(1, 3)),
                new long[] {0, 4, 7, 8});
        assertArrayEquals(new long[] {2, 3, 4, 5, 6, 7, 9, 11}, all(joined));
        LineNumbers run = LineNumbers.concat(List.of(of(2, 3), of(1, 2)), new long[] {0, 3});
        assertArrayEquals(new long[] {2, 3, 4, 5}, all(run));
        assertEquals(4, run.size());
    }
}
