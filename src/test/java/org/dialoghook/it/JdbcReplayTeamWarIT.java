package org.dialoghook.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The replay store in the application's database, in a team's WAR: Dialoghook's classes jar in
 * {@code WEB-INF/lib} beside the team's handlers, no {@code web.xml}.
 */
class JdbcReplayTeamWarIT extends JdbcReplayChecks {

    @Deployment
    static WebArchive deployment() {
        return teamWar("jdbc-team", settings(), handlers());
    }
}
