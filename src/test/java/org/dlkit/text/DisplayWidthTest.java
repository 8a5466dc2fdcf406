package org.dlkit.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Terminal columns of names in the scripts and forms a table may meet. */
class DisplayWidthTest {

    @Test
    void latinLettersTakeOneColumnEach() {
        assertEquals(5, DisplayWidth.of("class"));
        assertEquals(0, DisplayWidth.of(""));
    }

    @Test
    void chineseAndJapaneseTakeTwoColumnsEach() {
        assertEquals(6, DisplayWidth.of("花萼长"), "CJK ideographs");
        assertEquals(8, DisplayWidth.of("がくへん"), "hiragana");
        assertEquals(6, DisplayWidth.of("カタカ"), "katakana");
        assertEquals(4, DisplayWidth.of("ＡＢ"), "fullwidth Latin");
        assertEquals(4, DisplayWidth.of("한국"), "Hangul syllables");
        assertEquals(3, DisplayWidth.of("ｶﾀｶ"), "halfwidth katakana take one column");
        assertEquals(8, DisplayWidth.of("長さ(cm)"), "mixed");
    }

    @Test
    void composedAndDecomposedAccentsTakeTheSameColumns() {
        String composed = "caf\u00e9";
        String decomposed = "cafe\u0301";
        assertEquals(5, decomposed.length(), "two UTF-16 units for the decomposed é");
        assertEquals(4, DisplayWidth.of(composed));
        assertEquals(4, DisplayWidth.of(decomposed), "the combining acute accent takes no column");
        assertEquals(DisplayWidth.padRight(composed, 8).length() + 1, DisplayWidth.padRight(decomposed, 8).length());
    }

    @Test
    void emojiTakeTwoColumns() {
        assertEquals(2, "\uD83D\uDE00".length());
        assertEquals(2, DisplayWidth.of("\uD83D\uDE00"), "grinning face, a surrogate pair, is wide");
        assertEquals(2, DisplayWidth.of("\uD83D\uDC31"), "cat face");
        assertEquals(2, DisplayWidth.of("\u2764\uFE0F"), "heart with the emoji presentation selector");
        assertEquals(1, DisplayWidth.of("\u2764"), "the heart without it is a text symbol");
    }

    @Test
    void zeroWidthCharactersTakeNone() {
        assertEquals(1, DisplayWidth.of("a\u200B"), "zero-width space");
        assertEquals(1, DisplayWidth.of("a\u200D"), "zero-width joiner");
        assertEquals(2, DisplayWidth.of("\u1100\u1161"), "a Hangul initial and its conjoining vowel: one syllable");
    }

    @Test
    void paddingFillsToTheColumnsAsked() {
        assertEquals("花萼  ", DisplayWidth.padRight("花萼", 6));
        assertEquals("  花萼", DisplayWidth.padLeft("花萼", 6));
        assertEquals("花萼长度", DisplayWidth.padRight("花萼长度", 6), "wider than asked: unchanged");
        assertEquals("cafe\u0301  ", DisplayWidth.padRight("cafe\u0301", 6));
    }
}
