package org.dialoghook.it;

import org.jboss.arquillian.container.test.api.Deployer;

/**
 * Whether a deployment failed, and the server's account of why. Servers report a failed deployment
 * differently: WildFly's adapter throws from {@link Deployer#deploy}, the managed Payara Micro only prints it.
 * The Failsafe execution names its server in the system property {@code dialoghook.it.server}.
 *
 * @param failed whether the server refused the deployment
 * @param report what the server said while deploying: the exception chain, or what it printed
 */
record DeploymentOutcome(boolean failed, String report) {

    /**
     * Deploys a deployment that is expected to fail, undeploys whatever is left of it, and reports.
     *
     * @param deployer the Arquillian deployer
     * @param deployment the name of a {@code managed = false} deployment
     * @return the outcome
     */
    static DeploymentOutcome of(Deployer deployer, String deployment) {
        String server = System.getProperty("dialoghook.it.server", "payara-micro");
        return switch (server) {
            case "wildfly" -> thrown(deployer, deployment);
            case "payara-micro" -> printed(deployer, deployment);
            default -> throw new IllegalStateException("unknown server in dialoghook.it.server: " + server);
        };
    }

    /**
     * WildFly: the management operation fails and is rolled back, and the adapter throws its
     * {@code DeploymentException} (a checked exception, not declared by {@link Deployer#deploy}) with the
     * operation's failure description, a DMR string in which quotes are escaped.
     */
    private static DeploymentOutcome thrown(Deployer deployer, String deployment) {
        try {
            deployer.deploy(deployment);
        } catch (Exception e) {
            StringBuilder report = new StringBuilder();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                report.append(cause).append('\n');
            }
            return new DeploymentOutcome(true, report.toString().replace("\\\"", "\""));
        }
        deployer.undeploy(deployment);
        return new DeploymentOutcome(false, "");
    }

    /** Payara Micro: the adapter starts a server per deployment and copies its output to System.out. */
    private static DeploymentOutcome printed(Deployer deployer, String deployment) {
        String output;
        try (ServerOutput server = ServerOutput.capture()) {
            try {
                deployer.deploy(deployment);
                server.awaitLine("Payara Micro", "ready in");
            } finally {
                deployer.undeploy(deployment);
            }
            output = server.text();
        }
        return new DeploymentOutcome(output.contains("Exception while loading the app"), output);
    }
}
