package org.dlkit.text;

import org.junit.jupiter.api.Test;

import static org.dlkit.text.SettingNames.Setting.ACTIVATION;
import static org.dlkit.text.SettingNames.Setting.L2;
import static org.dlkit.text.SettingNames.Setting.LEARNING_RATE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SettingNamesTest {

    @Test
    void theCommandLineNamesFlags() {
        assertEquals("--learning-rate 0.3", SettingNames.COMMAND_LINE.set(LEARNING_RATE, "0.3"));
        assertEquals("--activation leaky-relu", SettingNames.COMMAND_LINE.set(ACTIVATION, "leaky-relu"));
        assertEquals("--l2", SettingNames.COMMAND_LINE.name(L2));
    }

    @Test
    void javaNamesBuilderMethodsWithTextQuoted() {
        assertEquals("learningRate(0.3)", SettingNames.JAVA.set(LEARNING_RATE, "0.3"));
        assertEquals("activation(\"leaky-relu\")", SettingNames.JAVA.set(ACTIVATION, "leaky-relu"));
        assertEquals("l2(...)", SettingNames.JAVA.name(L2));
    }
}
