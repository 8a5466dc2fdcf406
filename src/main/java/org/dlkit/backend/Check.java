package org.dlkit.backend;

/**
 * One preflight check of the machine for ND4J's CUDA backend.
 *
 * @param name    what is checked ("NVIDIA driver", "GPU", ...)
 * @param status  passed, failed, or unknown (could not be read; does not block, ND4J will find out)
 * @param detail  one line: what was found, or why it fails and what to do
 * @param cause   the cause when failed, else null
 */
record Check(String name, Status status, String detail, Cause cause) {

    enum Status { PASS, FAIL, UNKNOWN }

    static Check pass(String name, String detail) {
        return new Check(name, Status.PASS, detail, null);
    }

    static Check unknown(String name, String detail) {
        return new Check(name, Status.UNKNOWN, detail, null);
    }

    static Check fail(String name, Cause cause, String detail) {
        return new Check(name, Status.FAIL, detail, cause);
    }

    boolean failed() {
        return status == Status.FAIL;
    }
}
