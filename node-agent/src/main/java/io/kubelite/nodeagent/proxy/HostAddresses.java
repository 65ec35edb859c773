package io.kubelite.nodeagent.proxy;

import java.util.Set;

/** The ClusterIPs this node holds as local addresses, so that connections to them arrive here. */
public interface HostAddresses {

    /** The addresses this proxy added (and not those of anyone else). */
    Set<String> present();

    void add(String ip);

    void remove(String ip);
}
