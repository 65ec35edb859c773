package io.kubelite.e2e;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the cluster the suite's tests shared ({@link LocalCluster}) once the test session is
 * over, before the test JVM exits; registered through
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public class ClusterTeardown implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        LocalCluster.stopIfStarted();
    }
}
