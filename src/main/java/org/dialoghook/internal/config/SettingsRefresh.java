package org.dialoghook.internal.config;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One way of reading the settings again while the application runs, and what comes of it. A change that can be
 * used is put in force whole ({@code DH-0120}, the names of the settings that changed, never a value); one that
 * cannot is refused ({@code DH-0121}, once) and the last good settings stay in force until it is fixed; a change
 * to a setting read at deployment only is reported once ({@code DH-0122}) and waits for a reload; a previous
 * secret whose end has passed is reported once ({@code DH-0111}). Nothing is logged while nothing changes.
 */
public final class SettingsRefresh {

    private static final Logger LOG = Logger.getLogger(SettingsRefresh.class.getName());

    /** Deployment-only settings that other parts read themselves: watched here only to say they need a reload. */
    static final List<String> WATCHED_ELSEWHERE = List.of("dialoghook.dev-console");

    private final ReceiverSettings deployed;
    private final Set<String> handlers;
    private final Function<String, Optional<String>> lookup;
    private final Supplier<Iterable<String>> propertyNames;
    private final LiveSettings live;
    private final Clock clock;
    private final Set<String> endsReported = new HashSet<>();
    private final Map<String, Optional<String>> deployedElsewhere = new TreeMap<>();
    private Map<String, Optional<String>> applied;
    private Map<String, Optional<String>> lastRead;
    private List<String> deploymentOnlyReported = List.of();

    /**
     * Creates the refresh, and notes the values behind the settings in force.
     *
     * @param deployed the snapshot read at deployment, whose deployment-only settings stay in force
     * @param handlers the handler names registered at deployment
     * @param lookup gives a setting's raw value, or empty when it is not set
     * @param propertyNames gives the names of the properties the config sources hold now
     * @param live where the snapshot in force is kept
     * @param clock tells when a previous secret has ended
     */
    public SettingsRefresh(ReceiverSettings deployed, Set<String> handlers, Function<String, Optional<String>> lookup,
            Supplier<Iterable<String>> propertyNames, LiveSettings live, Clock clock) {
        this.deployed = deployed;
        this.handlers = Set.copyOf(handlers);
        this.lookup = lookup;
        this.propertyNames = propertyNames;
        this.live = live;
        this.clock = clock;
        Map<String, Optional<String>> raw = new TreeMap<>();
        try {
            read(raw);
        } catch (InvalidSettingException e) {
            // judged by the first run
        }
        WATCHED_ELSEWHERE.forEach(name -> deployedElsewhere.put(name, raw.get(name)));
        applied = raw;
    }

    /** Reads every setting once more and acts on what changed. Runs one at a time. */
    public synchronized void run() {
        Map<String, Optional<String>> raw = new TreeMap<>();
        ReceiverSettings current = live.current();
        ReceiverSettings read = null;
        String refusal = null;
        try {
            read = read(raw);
            requireSecretsKept(current, read);
        } catch (InvalidSettingException e) {
            refusal = e.getMessage();
        }
        reportEndedSecrets(current);
        if (raw.equals(lastRead)) {
            return;
        }
        lastRead = raw;
        if (refusal != null) {
            live.refused(refusal);
            LOG.log(Level.WARNING, "DH-0121 {0}; the change is refused and the last good settings stay in force",
                    refusal);
            return;
        }
        List<String> deploymentOnly = new ArrayList<>(read.deploymentOnlyChangesFrom(deployed));
        WATCHED_ELSEWHERE.stream().filter(name -> !deployedElsewhere.get(name).equals(raw.get(name)))
                .forEach(deploymentOnly::add);
        reportDeploymentOnly(deploymentOnly);
        ReceiverSettings next = read.withDeploymentOnlySettingsOf(deployed);
        if (next.equals(current)) {
            if (live.refusedChange().isPresent()) {
                live.replace(current);
                LOG.log(Level.INFO, "DH-0120 settings changed back: the refused change is withdrawn and the settings "
                        + "in force stay as they were");
            }
            applied = raw;
            return;
        }
        List<String> names = changedNames(applied, raw);
        names.removeAll(ReceiverSettings.DEPLOYMENT_ONLY);
        names.removeAll(WATCHED_ELSEWHERE);
        applied = raw;
        live.replace(next);
        LOG.log(Level.INFO, "DH-0120 settings changed: {0}; in force for every delivery from now on", names);
        SettingsLog.announce(next);
    }

    private ReceiverSettings read(Map<String, Optional<String>> raw) {
        WATCHED_ELSEWHERE.forEach(name -> raw.computeIfAbsent(name, lookup));
        return new SettingsReader(name -> raw.computeIfAbsent(name, lookup), propertyNames.get()).read(handlers);
    }

    /** A bot that had a secret keeps one: a value gone blank is a mistake, not a way to switch a bot off. */
    static void requireSecretsKept(ReceiverSettings before, ReceiverSettings after) {
        for (BotSettings bot : before.bots().values()) {
            if (bot.secret().isPresent()) {
                Optional<BotSettings> now = after.bot(bot.name());
                if (now.isPresent() && now.get().secret().isEmpty()) {
                    throw new InvalidSettingException(bot.settingName("secret"), "is no longer set, so the bot "
                            + "keeps the secret it had; set a new secret, or remove every setting of a named bot to "
                            + "remove the bot");
                }
            }
        }
    }

    private void reportEndedSecrets(ReceiverSettings current) {
        Instant now = clock.instant();
        for (BotSettings bot : current.bots().values()) {
            bot.previousSecretExpires().filter(end -> !now.isBefore(end)).ifPresent(end -> {
                if (endsReported.add(bot.name() + '|' + end)) {
                    LOG.log(Level.INFO, "DH-0111 bot={0}: the previous secret ({1}) ended at {2}; deliveries signed "
                            + "with it are refused. Remove {1} and {3}", new Object[] {bot.name(),
                                bot.settingName("previous-secret"), end.toString(),
                                bot.settingName("previous-secret.expires")});
                }
            });
        }
    }

    private void reportDeploymentOnly(List<String> changed) {
        for (String name : changed) {
            if (!deploymentOnlyReported.contains(name)) {
                LOG.log(Level.WARNING, "DH-0122 the setting {0} changed; it is read at deployment only, so the change "
                        + "takes effect when the application is reloaded", name);
            }
        }
        deploymentOnlyReported = changed;
    }

    private static List<String> changedNames(Map<String, Optional<String>> before, Map<String, Optional<String>> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!before.getOrDefault(name, Optional.empty()).equals(after.getOrDefault(name, Optional.empty()))) {
                changed.add(name);
            }
        }
        return changed;
    }
}
