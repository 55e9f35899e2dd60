package org.dialoghook.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The replay store in the application's database, in Dialoghook's own WAR. */
class JdbcReplayIT extends JdbcReplayChecks {

    @Deployment
    static WebArchive deployment() {
        return receiver("jdbc-replay", settings(), handlers());
    }
}
