package org.dlkit.text;

/**
 * How warnings and advice name a setting, in the words of the interface the user trains through: the command line's
 * flag ({@code --learning-rate 0.3}) or the {@code Classifier.Builder} method a Java program calls
 * ({@code learningRate(0.3)}). The CLI asks for {@link #COMMAND_LINE}; Java callers get {@link #JAVA}, the default.
 */
public enum SettingNames {

    /** dlkit's flags: {@code --learning-rate 0.3}, {@code --activation leaky-relu}, {@code --l2}. */
    COMMAND_LINE,
    /**
     * {@code Classifier.Builder}'s methods: {@code learningRate(0.3)}, {@code activation("leaky-relu")},
     * {@code l2(...)}.
     */
    JAVA;

    /** A setting that advice may tell the user to change. */
    public enum Setting {
        LEARNING_RATE("--learning-rate", "learningRate", false),
        ACTIVATION("--activation", "activation", true),
        L2("--l2", "l2", false);

        private final String flag;
        private final String method;
        private final boolean text;

        Setting(String flag, String method, boolean text) {
            this.flag = flag;
            this.method = method;
            this.text = text;
        }
    }

    /** {@code setting} set to {@code value}: {@code --activation leaky-relu} or {@code activation("leaky-relu")}. */
    public String set(Setting setting, String value) {
        return this == COMMAND_LINE ? setting.flag + " " + value
                : setting.method + "(" + (setting.text ? "\"" + value + "\"" : value) + ")";
    }

    /** {@code setting} without a value: {@code --l2} or {@code l2(...)}. */
    public String name(Setting setting) {
        return this == COMMAND_LINE ? setting.flag : setting.method + "(...)";
    }
}
