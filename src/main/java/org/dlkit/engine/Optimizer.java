package org.dlkit.engine;

import java.util.Locale;

/**
 * The update rule after each mini-batch gradient g (the mean over the batch, plus λ₂·W for L2 on the weights):
 * <ul>
 *   <li>SGD: θ ← θ − η·g</li>
 *   <li>Adam (DL4J's form, t = 1, 2, ...): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 *       θ ← θ − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε)</li>
 * </ul>
 *
 * @param adam     Adam when true, plain SGD otherwise
 * @param rate     the learning rate η
 * @param beta1    Adam's β₁ (unused by SGD)
 * @param beta2    Adam's β₂
 * @param epsilon  Adam's ε
 */
public record Optimizer(boolean adam, double rate, double beta1, double beta2, double epsilon) {

    public static Optimizer sgd(double rate) {
        return new Optimizer(false, rate, 0, 0, 0);
    }

    public static Optimizer adam(double rate, double beta1, double beta2, double epsilon) {
        return new Optimizer(true, rate, beta1, beta2, epsilon);
    }

    /** Adam's step size at step t (1-based): η·√(1−β₂ᵗ)/(1−β₁ᵗ). */
    double adamRate(long t) {
        return rate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    }

    @Override
    public String toString() {
        return adam ? String.format(Locale.ROOT, "Adam(lr=%s, beta1=%s, beta2=%s, eps=%s)", rate, beta1, beta2, epsilon)
                : String.format(Locale.ROOT, "SGD(lr=%s)", rate);
    }
}
