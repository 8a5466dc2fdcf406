package org.dlkit.backend;

import java.util.Arrays;

/** An NVIDIA driver version such as {@code 580.95.05}, compared number by number. */
record DriverVersion(String text, int[] numbers) implements Comparable<DriverVersion> {

    /** Parses {@code "580.95.05"}; returns null when a part is not a number. */
    static DriverVersion parse(String text) {
        String[] parts = text.trim().split("\\.");
        int[] numbers = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                numbers[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new DriverVersion(text.trim(), numbers);
    }

    @Override
    public int compareTo(DriverVersion other) {
        return Arrays.compare(numbers, other.numbers);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DriverVersion version && Arrays.equals(numbers, version.numbers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(numbers);
    }

    @Override
    public String toString() {
        return text;
    }
}
