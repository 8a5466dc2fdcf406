package org.dlkit.network;

import org.dlkit.error.DlkitException;
import org.dlkit.error.Names;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The optimisers by the names users type ("adam", "SGD", "rmsprop", "nesterov", ...) and the check every learning
 * rate passes: a finite number above 0. Everything else (β₁, β₂, ε, momentum) keeps DL4J's defaults.
 */
public final class Updaters {

    /** One optimiser: the name {@link #get} lists, its DL4J class, how to make it with a rate, why it steps so. */
    private record Kind(String name, Class<? extends IUpdater> type, DoubleFunction<IUpdater> make, String reason) { }

    /** Each constructor's one argument is the rate; Nesterovs gets its default momentum. */
    private static final List<Kind> KINDS = List.of(
            new Kind("adam", Adam.class, Adam::new, "Adam adapts each parameter's step size and works with little "
                    + "tuning (DL4J's default would be plain SGD)"),
            new Kind("sgd", Sgd.class, Sgd::new, "plain gradient descent: each step is the learning rate times the "
                    + "gradient, so too high a rate diverges and too low a rate crawls"),
            new Kind("nesterovs", Nesterovs.class, rate -> new Nesterovs(rate, Nesterovs.DEFAULT_NESTEROV_MOMENTUM),
                    "gradient descent with Nesterov momentum: steps build up along a direction the gradient keeps "
                    + "pointing in, and damp where it flips"),
            new Kind("rmsprop", RmsProp.class, RmsProp::new, "RMSProp divides each parameter's step by a running "
                    + "average of its gradient's magnitude, so steep and flat directions move alike"),
            new Kind("adagrad", AdaGrad.class, AdaGrad::new, "AdaGrad shrinks each parameter's step as its squared "
                    + "gradients add up (steps only ever get smaller)"),
            new Kind("adamax", AdaMax.class, AdaMax::new, "AdaMax: Adam with the largest past gradient (infinity norm) "
                    + "in place of the squared average"),
            new Kind("nadam", Nadam.class, Nadam::new, "Nadam: Adam with Nesterov momentum"),
            new Kind("amsgrad", AMSGrad.class, AMSGrad::new, "AMSGrad: Adam whose per-parameter step size never grows "
                    + "back (the maximum of past squared gradients)"));

    /** Other names users type for an optimiser of {@link #KINDS}. */
    private static final Map<String, String> ALIASES = Map.of("nesterov", "nesterovs", "momentum", "nesterovs");

    private Updaters() {
    }

    /**
     * The DL4J updater named {@code name} (case, spaces, '-' and '_' ignored) with learning rate {@code rate}.
     *
     * @throws DlkitException naming the valid names for an unknown name, or the rate when it is not a finite number > 0
     */
    public static IUpdater get(String name, double rate) {
        checkRate(rate, "learning rate");
        String n = name == null ? "" : Names.key(name);
        String wanted = ALIASES.getOrDefault(n, n);
        return KINDS.stream().filter(k -> k.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new DlkitException("unknown updater '" + name + "': expected one of "
                        + String.join(", ", names())))
                .make().apply(rate);
    }

    /** The names {@link #get} accepts, one per updater. */
    public static List<String> names() {
        return KINDS.stream().map(Kind::name).toList();
    }

    /**
     * Checks the learning rate of {@code updater} (at iteration 0, epoch 0 when it follows a schedule), when it has
     * one ({@code NoOp} has none).
     *
     * @throws DlkitException naming the updater and its rate when the rate is not a finite number > 0
     */
    public static IUpdater check(IUpdater updater) {
        if (updater == null) {
            throw new DlkitException("updater: expected an optimiser such as new Adam(0.003) or Updaters.get(\"sgd\", "
                    + "0.1), got null");
        }
        if (updater.hasLearningRate()) {
            checkRate(updater.getLearningRate(0, 0), "learning rate of " + updater.getClass().getSimpleName());
        }
        return updater;
    }

    /** @throws DlkitException unless {@code rate} is a finite number > 0 */
    public static double checkRate(double rate, String what) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new DlkitException(what + " " + rate + " is invalid; expected a finite number > 0, e.g. 0.003");
        }
        return rate;
    }

    /** Why {@code updater} steps as it does, in a line (explain prints it beside the updater). */
    public static String reason(IUpdater updater) {
        return KINDS.stream().filter(k -> k.type() == updater.getClass()).map(Kind::reason).findFirst()
                .orElse("set by the caller");
    }
}
