package io.kubelite.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The server on 127.0.0.1 asked by dnsjava's resolver over UDP and TCP; no upstream, so nothing leaves the machine. */
class DnsServerTest {

    DnsServer server;

    @BeforeEach
    void start() throws Exception {
        List<io.fabric8.kubernetes.api.model.Service> many = new ArrayList<>();
        server = new DnsServer(new ClusterRecords("cluster.local", new ClusterRecords.Directory() {
            @Override
            public Optional<io.fabric8.kubernetes.api.model.Service> service(String namespace, String name) {
                return Optional.ofNullable(ClusterRecordsTest.SERVICES.get(namespace + "/" + name));
            }

            @Override
            public Optional<io.fabric8.kubernetes.api.model.Endpoints> endpoints(String namespace, String name) {
                return Optional.ofNullable(ClusterRecordsTest.ENDPOINTS.get(namespace + "/" + name));
            }
        }), null, "127.0.0.1", 0);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Message ask(String name, int type, boolean tcp) throws Exception {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", server.port()));
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(3));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    @Test
    void answersAServiceNameAuthoritativelyOverUdpAndTcp() throws Exception {
        for (boolean tcp : new boolean[] {false, true}) {
            Message answer = ask("webapp.default.svc.cluster.local.", Type.A, tcp);
            assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
            assertThat(answer.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("10.96.0.12");
        }
    }

    @Test
    void anUnknownNameIsNxdomainWithTheZonesSoa() throws Exception {
        Message answer = ask("nope.default.svc.cluster.local.", Type.A, false);
        assertThat(answer.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(answer.getSection(Section.AUTHORITY)).extracting(r -> r.getType()).containsExactly(Type.SOA);
    }

    @Test
    void aNameOutsideTheClusterIsRefusedWithoutAnUpstream() throws Exception {
        assertThat(ask("example.com.", Type.A, false).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void somethingThatIsNotADnsMessageGetsNoAnswer() {
        assertThat(server.answer(new byte[] {1, 2, 3}, true)).isNull();
    }
}
