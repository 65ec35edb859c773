package io.kubelite.objectstore.cel;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.kubelite.machinery.validation.Quantities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kubernetes' CEL libraries through a real cel-java compiler and runtime, with the cases and
 * words of kube's own tests and documentation ({@code k8s.io/apiserver/pkg/cel/library}).
 */
class KubernetesLibraryTest {

    private static final CelOptions OPTIONS = CelOptions.current().enableOptionalSyntax(true)
            .enableHeterogeneousNumericComparisons(true).build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings(), CelExtensions.optional(), KubernetesLibrary.library())
            .addVar("self", SimpleType.DYN).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings(), CelExtensions.optional(), KubernetesLibrary.library()).build();

    private static final String DNS1123_LABEL_ERROR = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
            + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private static final String CIDR_PARSE_ERROR = "network address parse error during conversion from string: ";

    private static Object eval(String expression, Object self) throws CelValidationException, CelEvaluationException {
        return RUNTIME.createProgram(COMPILER.compile(expression).getAst()).eval(Map.of("self", self));
    }

    private static Arguments value(String name, String expression, Object expected) {
        return Arguments.of(name, expression, expected);
    }

    static Stream<Arguments> lists() {
        return Stream.of(
                value("isSorted with equal neighbours", "['a', 'b', 'b', 'c'].isSorted()", true),
                value("isSorted descending doubles", "[2.0, 1.0].isSorted()", false),
                value("isSorted of nothing", "[].isSorted()", true),
                value("sum of ints", "[1, 3].sum()", 4L),
                value("sum of doubles", "[1.0, 3.0].sum()", 4.0),
                value("sum of uints", "[1u, 2u].sum()", UnsignedLong.valueOf(3)),
                value("sum of durations", "[duration('1m'), duration('1s')].sum() == duration('61s')", true),
                value("sum of nothing is zero", "[].sum()", 0L),
                value("min of ints", "[3, 1, 2].min()", 1L),
                value("max of ints", "[1, 3].max()", 3L),
                value("min of strings", "['b', 'a', 'c'].min()", "a"),
                value("max of bools", "[false, true, false].max()", true),
                value("max across number kinds", "[1, 2.5, 2].max()", 2.5),
                value("max of timestamps", "[timestamp('2020-01-01T00:00:00Z'), timestamp('2021-01-01T00:00:00Z')].max()"
                        + " == timestamp('2021-01-01T00:00:00Z')", true),
                value("min of bytes", "[b'b', b'a'].min() == b'a'", true),
                value("min of one", "[7].min()", 7L),
                value("indexOf first", "[1, 2, 2, 3].indexOf(2)", 1L),
                value("lastIndexOf last", "['a', 'b', 'b', 'c'].lastIndexOf('b')", 2L),
                value("indexOf absent", "[1.0].indexOf(1.1)", -1L),
                value("indexOf in nothing", "[].indexOf('string')", -1L),
                value("indexOf a list", "[[1], [2]].indexOf([2])", 1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    void listFunctionsAnswerAsKubes(String name, String expression, Object expected) throws Exception {
        assertThat(eval(expression, Map.of())).isEqualTo(expected);
    }

    @Test
    void listFunctionsWorkOnDynamicallyTypedLists() throws Exception {
        Map<String, Object> self = Map.of("replicas", List.of(3L, 1L, 2L), "names", List.of("b", "a"));

        assertThat(eval("self.replicas.max()", self)).isEqualTo(3L);
        assertThat(eval("self.replicas.min()", self)).isEqualTo(1L);
        assertThat(eval("self.replicas.sum()", self)).isEqualTo(6L);
        assertThat(eval("self.replicas.isSorted()", self)).isEqualTo(false);
        assertThat(eval("self.replicas.lastIndexOf(1)", self)).isEqualTo(1L);
        assertThat(eval("self.names.min()", self)).isEqualTo("a");
        assertThat(eval("self.names.indexOf('a') == 1 && 'banana'.indexOf('n') == 2", self)).isEqualTo(true);
    }

    static Stream<Arguments> regexes() {
        return Stream.of(
                value("find the first match", "'abc 123'.find('[0-9]+')", "123"),
                value("find nothing", "'abc 123'.find('xyz')", ""),
                value("find an empty leftmost match", "'abc 123'.find('[0-9]*')", ""),
                value("find with Go's named group", "'key=val'.find('(?P<k>[a-z]+)=')", "key="),
                value("findAll", "'123 abc 456'.findAll('[0-9]+')", List.of("123", "456")),
                value("findAll with a limit", "'123 abc 456'.findAll('[0-9]+', 1)", List.of("123")),
                value("findAll with a zero limit", "'123 abc 456'.findAll('[0-9]+', 0)", List.of()),
                value("findAll with a negative limit", "'123 abc 456'.findAll('[0-9]+', -1)", List.of("123", "456")),
                value("findAll nothing", "'123 abc 456'.findAll('xyz')", List.of()),
                value("findAll skips an empty match right after a match", "'123 abc'.findAll('[0-9]*')",
                        List.of("123", "", "", "", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regexes")
    void regexFunctionsUseGoSyntaxAndMatches(String name, String expression, Object expected) throws Exception {
        assertThat(eval(expression, Map.of())).isEqualTo(expected);
    }

    static Stream<Arguments> urls() {
        String full = "url('https://user:pass@example.com:80/path?query=val#fragment')";
        return Stream.of(
                value("scheme", full + ".getScheme()", "https"),
                value("no scheme for a path", "url('/path').getScheme()", ""),
                value("host with port", "url('https://example.com:80/').getHost()", "example.com:80"),
                value("IPv6 host keeps brackets", "url('https://[::1]:80/').getHost()", "[::1]:80"),
                value("no host for a path", "url('/path').getHost()", ""),
                value("hostname drops the port", full + ".getHostname()", "example.com"),
                value("IPv6 hostname drops brackets", "url('https://[::1]:80/').getHostname()", "::1"),
                value("port", full + ".getPort()", "80"),
                value("no port", "url('https://example.com/').getPort()", ""),
                value("path", full + ".getEscapedPath()", "/path"),
                value("path escaped", "url('https://example.com/path with spaces/').getEscapedPath()",
                        "/path%20with%20spaces/"),
                value("path keeps its escapes", "url('https://example.com/a%2Fb').getEscapedPath()", "/a%2Fb"),
                value("no path", "url('https://example.com').getEscapedPath()", ""),
                value("query values per key", "url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()",
                        Map.of("k1", List.of("a"), "k2", List.of("b", "c"))),
                value("query unescaped", "url('https://example.com/path?key with spaces=value+with%20spaces').getQuery()",
                        Map.of("key with spaces", List.of("value with spaces"))),
                value("empty query", "url('https://example.com/path?').getQuery()", Map.of()),
                value("no query", "url('https://example.com/path').getQuery()", Map.of()),
                value("isURL absolute", "isURL('https://user:pass@example.com:80/path?query=val#fragment')", true),
                value("isURL absolute path", "isURL('/absolute-path')", true),
                value("isURL bad port", "isURL('https://a:b:c/')", false),
                value("isURL relative", "isURL('../relative-path')", false),
                value("equal URLs", "url('https://example.com/a') == url('https://example.com/a')", true),
                value("different URLs", "url('https://example.com/a') == url('https://example.com/b')", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void urlFunctionsSplitAsGo(String name, String expression, Object expected) throws Exception {
        assertThat(eval(expression, Map.of())).isEqualTo(expected);
    }

    static Stream<Arguments> quantities() {
        return Stream.of(
                value("parse binary", "quantity('12Mi') == quantity('12582912')", true),
                value("isQuantity", "isQuantity('20')", true),
                value("isQuantity megabytes", "isQuantity('20M')", true),
                value("isQuantity mebibytes", "isQuantity('20Mi')", true),
                value("isQuantity bad suffix", "isQuantity('20Mo')", false),
                value("isQuantity suffix-shaped", "isQuantity('10Mm')", false),
                value("isQuantity comma", "isQuantity('1,3G')", false),
                value("equal across suffixes", "quantity('200M') == quantity('0.2G') && quantity('0.2G') == quantity('200M')", true),
                value("unequal", "quantity('200M') == quantity('0.3G')", false),
                value("isLessThan", "quantity('50M').isLessThan(quantity('50Mi'))", true),
                value("isLessThan false", "quantity('100M').isLessThan(quantity('50M'))", false),
                value("isGreaterThan", "quantity('50Mi').isGreaterThan(quantity('50M'))", true),
                value("isGreaterThan false", "quantity('50M').isGreaterThan(quantity('100M'))", false),
                value("compareTo equal", "quantity('200M').compareTo(quantity('0.2G'))", 0L),
                value("compareTo less", "quantity('50M').compareTo(quantity('50Mi'))", -1L),
                value("compareTo greater", "quantity('50Mi').compareTo(quantity('50M'))", 1L),
                value("add quantity", "quantity('50k').add(quantity('20')) == quantity('50.02k')", true),
                value("add int", "quantity('50k').add(20).isLessThan(quantity('50020'))", false),
                value("sub quantity", "quantity('50k').sub(quantity('20')) == quantity('49.98k')", true),
                value("sub int", "quantity('50k').sub(20) == quantity('49980')", true),
                value("arithmetic chain", "quantity('50k').add(20).sub(quantity('100k')).sub(-50000).asInteger()", 20L),
                value("asInteger", "quantity('50k').asInteger()", 50000L),
                value("asInteger of a fraction with a suffix", "quantity('1.5k').asInteger()", 1500L),
                value("isInteger", "quantity('50').isInteger()", true),
                value("isInteger too large", "quantity('9999999999999999999999999999999999999G').isInteger()", false),
                value("isInteger of milli units, as kube", "quantity('1000m').isInteger()", false),
                value("asApproximateFloat", "quantity('50.703k').asApproximateFloat()", 50703.0),
                value("sign as a method", "quantity('-50k').sign()", -1L),
                value("sign as kube declares it", "sign(quantity('0'))", 0L),
                value("a suffix without digits is zero, as kube parses it", "quantity('Mi') == quantity('0')", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantities")
    void quantityFunctionsAnswerAsKubes(String name, String expression, Object expected) throws Exception {
        assertThat(eval(expression, Map.of())).isEqualTo(expected);
    }

    static Stream<Arguments> ips() {
        return Stream.of(
                value("IPv4 family", "ip('127.0.0.1').family()", 4L),
                value("IPv6 family", "ip('::1').family()", 6L),
                value("IPv4 with IPv6 tail is IPv6", "ip('::1.2.3.4').family()", 6L),
                value("unspecified IPv4", "ip('0.0.0.0').isUnspecified()", true),
                value("specified IPv4", "ip('127.0.0.1').isUnspecified()", false),
                value("unspecified IPv6", "ip('::').isUnspecified()", true),
                value("loopback IPv4", "ip('127.0.0.1').isLoopback()", true),
                value("not loopback IPv4", "ip('192.168.0.1').isLoopback()", false),
                value("loopback IPv6", "ip('::1').isLoopback()", true),
                value("not loopback IPv6", "ip('2001:db8::abcd').isLoopback()", false),
                value("link-local multicast IPv4", "ip('224.0.0.1').isLinkLocalMulticast()", true),
                value("other multicast IPv4", "ip('224.0.1.1').isLinkLocalMulticast()", false),
                value("link-local multicast IPv6", "ip('ff02::1').isLinkLocalMulticast()", true),
                value("unique local IPv6", "ip('fd00::1').isLinkLocalMulticast()", false),
                value("link-local unicast IPv4", "ip('169.254.169.254').isLinkLocalUnicast()", true),
                value("private IPv4 is not link-local", "ip('192.168.0.1').isLinkLocalUnicast()", false),
                value("link-local unicast IPv6", "ip('fe80::1').isLinkLocalUnicast()", true),
                value("fd80 is not link-local", "ip('fd80::1').isLinkLocalUnicast()", false),
                value("private IPv4 is global unicast", "ip('192.168.0.1').isGlobalUnicast()", true),
                value("broadcast is not global unicast", "ip('255.255.255.255').isGlobalUnicast()", false),
                value("documentation IPv6 is global unicast", "ip('2001:db8::abcd').isGlobalUnicast()", true),
                value("multicast IPv6 is not global unicast", "ip('ff00::1').isGlobalUnicast()", false),
                value("every IPv4 is canonical", "ip.isCanonical('127.0.0.1')", true),
                value("canonical IPv6", "ip.isCanonical('2001:db8::abcd')", true),
                value("upper case IPv6 is not canonical", "ip.isCanonical('2001:DB8::ABCD')", false),
                value("spelled-out zeros are not canonical", "ip.isCanonical('2001:db8::0:0:0:abcd')", false),
                value("string compresses the zeros", "string(ip('2001:db8:0:0:0::1'))", "2001:db8::1"),
                value("string compresses the longest run", "string(ip('1:0:0:1:0:0:0:1'))", "1:0:0:1::1"),
                value("string compresses the first of equal runs", "string(ip('1:0:0:2:0:0:3:4'))", "1::2:0:0:3:4"),
                value("isIP IPv4", "isIP('127.0.0.1')", true),
                value("isIP IPv6", "isIP('::1')", true),
                value("isIP octet too large", "isIP('127.0.0.256')", false),
                value("isIP triple colon", "isIP(':::1')", false),
                value("isIP zone", "isIP('fe80::1%eth0')", false),
                value("isIP IPv4-mapped", "isIP('::ffff:1.2.3.4')", false),
                value("isIP host name", "isIP('localhost')", false),
                value("equal addresses", "ip('::1') == ip('0:0:0:0:0:0:0:1')", true),
                value("different addresses", "ip('1.2.3.4') == ip('1.2.3.5')", false),
                value("type", "type(ip('1.2.3.4')) == net.IP", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ips")
    void ipFunctionsAnswerAsKubes(String name, String expression, Object expected) throws Exception {
        assertThat(eval(expression, Map.of())).isEqualTo(expected);
    }

    static Stream<Arguments> cidrs() {
        return Stream.of(
                value("contains IP", "cidr('192.168.0.0/24').containsIP(ip('192.168.0.1'))", true),
                value("does not contain IP", "cidr('192.168.0.0/24').containsIP(ip('192.168.1.1'))", false),
                value("contains IP string", "cidr('192.168.0.0/24').containsIP('192.168.0.1')", true),
                value("does not contain IP string", "cidr('192.168.0.0/24').containsIP('192.168.1.1')", false),
                value("IPv6 prefix does not contain IPv4", "cidr('::/0').containsIP('1.2.3.4')", false),
                value("contains smaller CIDR", "cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/25'))", true),
                value("does not contain larger CIDR", "cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/23'))", false),
                value("contains CIDR string", "cidr('192.168.0.0/24').containsCIDR('192.168.0.0/25')", true),
                value("contains a subnet at another address", "cidr('192.168.0.0/16').containsCIDR('192.168.10.0/24')", true),
                value("does not contain a neighbour", "cidr('192.168.1.0/24').containsCIDR('192.168.2.0/24')", false),
                value("contains IPv6 IP", "cidr('2001:db8::/32').containsIP(ip('2001:db8::1'))", true),
                value("does not contain IPv6 IP", "cidr('2001:db8::/32').containsIP('2001:dc8::1')", false),
                value("contains IPv6 CIDR", "cidr('2001:db8::/32').containsCIDR(cidr('2001:db8::/33'))", true),
                value("does not contain larger IPv6 CIDR", "cidr('2001:db8::/32').containsCIDR('2001:db8::/31')", false),
                value("ip keeps host bits", "cidr('192.168.0.1/24').ip() == ip('192.168.0.1')", true),
                value("ip family", "cidr('::1/128').ip().family()", 6L),
                value("masked clears host bits", "cidr('192.168.0.1/24').masked() == cidr('192.168.0.0/24')", true),
                value("unmasked differs", "cidr('192.168.0.1/24') == cidr('192.168.0.0/24')", false),
                value("masked IPv6", "cidr('2001:db8:1::/32').masked() == cidr('2001:db8::/32')", true),
                value("prefix length", "cidr('192.168.0.0/16').prefixLength()", 16L),
                value("IPv6 prefix length", "cidr('::1/128').prefixLength()", 128L),
                value("string", "string(cidr('192.168.0.0/24'))", "192.168.0.0/24"),
                value("type", "type(cidr('192.168.0.0/24')) == net.CIDR", true),
                value("isCIDR IPv4", "isCIDR('192.168.0.0/16')", true),
                value("isCIDR IPv6", "isCIDR('::1/128')", true),
                value("isCIDR too long IPv4", "isCIDR('192.168.0.0/33')", false),
                value("isCIDR too long IPv6", "isCIDR('::1/129')", false),
                value("isCIDR leading zero", "isCIDR('10.0.0.0/08')", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cidrs")
    void cidrFunctionsAnswerAsKubes(String name, String expression, Object expected) throws Exception {
        assertThat(eval(expression, Map.of())).isEqualTo(expected);
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                value("valid label", "format.dns1123Label().validate('my-name')", java.util.Optional.empty()),
                value("invalid label", "format.dns1123Label().validate('My_Name').value()", List.of(DNS1123_LABEL_ERROR)),
                value("label with dots", "format.dns1123Label().validate('a.b').value()", List.of("must not contain dots")),
                value("subdomain", "format.dns1123Subdomain().validate('apiextensions.k8s.io').hasValue()", false),
                value("DNS-1035 label", "format.dns1035Label().validate('1abc').value()", List.of(
                        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
                                + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used "
                                + "for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")),
                value("qualified name", "format.qualifiedName().validate('apiextensions.k8s.io/v1beta1').hasValue()", false),
                value("label prefix allows a trailing dash", "format.dns1123LabelPrefix().validate('my-label-prefix-').hasValue()", false),
                value("label does not", "format.dns1123Label().validate('my-label-prefix-').hasValue()", true),
                value("subdomain prefix", "format.dns1123SubdomainPrefix().validate('mysubdomain.prefix.-').hasValue()", false),
                value("DNS-1035 prefix", "format.dns1035LabelPrefix().validate('my-label-prefix-').hasValue()", false),
                value("empty label value", "format.labelValue().validate('').hasValue()", false),
                value("bad label value", "format.labelValue().validate('bad value!').hasValue()", true),
                value("uri", "format.uri().validate('http://example.com').hasValue()", false),
                value("relative uri", "format.uri().validate('example.com').value()",
                        List.of("parse \"example.com\": invalid URI for request")),
                value("uuid", "format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue()", false),
                value("not a uuid", "format.uuid().validate('123e4567').value()", List.of("does not match the UUID format")),
                value("base64", "format.byte().validate('aGVsbG8=').hasValue()", false),
                value("not base64", "format.byte().validate('aGVsbG8').value()", List.of("invalid base64")),
                value("date", "format.date().validate('2021-01-01').hasValue()", false),
                value("no such day", "format.date().validate('2021-02-30').value()", List.of("invalid date")),
                value("datetime", "format.datetime().validate('2021-01-01T00:00:00Z').hasValue()", false),
                value("datetime with offset and fraction", "format.datetime().validate('2021-01-01t23:59:59.5+02:00').hasValue()", false),
                value("no such hour", "format.datetime().validate('2021-01-01T24:00:00Z').value()", List.of("invalid datetime")),
                value("named format", "format.named('dns1123Label').value() == format.dns1123Label()", true),
                value("named format validates", "format.named('uuid').value().validate('x').hasValue()", true),
                value("unknown format", "format.named('nope').hasValue()", false),
                value("message expression", "format.dns1123Label().validate('a.b').orValue([]).join('\\n')", "must not contain dots"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void formatFunctionsValidateAsKubes(String name, String expression, Object expected) throws Exception {
        assertThat(eval(expression, Map.of())).isEqualTo(expected);
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                value("min of nothing", "[].min()", "min called on empty list"),
                value("max of nothing", "[].max()", "max called on empty list"),
                value("sum overflow", "[9223372036854775807, 1].sum()", "integer overflow"),
                value("max of maps", "[{}, {}].max()", "no such overload"),
                value("bad regex", "'abc'.find('(')", "Illegal regex: error parsing regexp: missing closing ): `(`"),
                value("RE2 has no back-references", "'aa'.findAll('(a)\\\\1')",
                        "Illegal regex: error parsing regexp: invalid escape sequence: `\\1`"),
                value("relative URL", "url('../relative-path')",
                        "URL parse error during conversion from string: parse \"../relative-path\": invalid URI for request"),
                value("URL port", "url('https://a:b:c/')",
                        "URL parse error during conversion from string: parse \"https://a:b:c/\": invalid port \":c\" after host"),
                value("empty URL", "url('')", "URL parse error during conversion from string: parse \"\": empty url"),
                value("escaped ASCII in a host", "url('http://%41.com/')",
                        "URL parse error during conversion from string: parse \"http://%41.com/\": invalid URL escape \"%41\""),
                value("quantity shape", "quantity('10Mo')", Quantities.FORMAT_ERROR),
                value("empty quantity", "quantity('')", Quantities.FORMAT_ERROR),
                value("quantity suffix", "quantity('10Mm')", "unable to parse quantity's suffix"),
                value("upper case kilo", "quantity('200K')", "unable to parse quantity's suffix"),
                value("quantity too large for an integer", "quantity('9999999999999999999999999999999999999G').asInteger()",
                        "cannot convert value to integer"),
                value("IPv4 octet", "ip('127.0.0.256')", "IP Address \"127.0.0.256\" parse error during conversion from "
                        + "string: ParseAddr(\"127.0.0.256\"): IPv4 field has value >255"),
                value("IPv6 triple colon", "ip(':::1')", "IP Address \":::1\" parse error during conversion from string: "
                        + "ParseAddr(\":::1\"): each colon-separated field must have at least one digit (at \":1\")"),
                value("IPv4 leading zero", "ip('010.0.0.1')", "IP Address \"010.0.0.1\" parse error during conversion from "
                        + "string: ParseAddr(\"010.0.0.1\"): IPv4 field has octet with leading zero"),
                value("host name is not resolved", "ip('example.com')", "IP Address \"example.com\" parse error during "
                        + "conversion from string: ParseAddr(\"example.com\"): unexpected character (at \"example.com\")"),
                value("IPv6 zone", "ip('fe80::1%eth0')", "IP address \"fe80::1%eth0\" with zone value is not allowed"),
                value("IPv4-mapped IPv6", "ip('::ffff:1.2.3.4')", "IPv4-mapped IPv6 address \"::ffff:1.2.3.4\" is not allowed"),
                value("isCanonical of no address", "ip.isCanonical('1.2.3')", "IP Address \"1.2.3\" parse error during "
                        + "conversion from string: ParseAddr(\"1.2.3\"): IPv4 address too short"),
                value("CIDR without bits", "cidr('192.168.0.0/')", CIDR_PARSE_ERROR + CIDR_PARSE_ERROR
                        + "netip.ParsePrefix(\"192.168.0.0/\"): bad bits after slash: \"\""),
                value("CIDR too long", "cidr('192.168.0.0/33')", CIDR_PARSE_ERROR + CIDR_PARSE_ERROR
                        + "netip.ParsePrefix(\"192.168.0.0/33\"): prefix length out of range"),
                value("CIDR without slash", "cidr('1.2.3.4')", CIDR_PARSE_ERROR + CIDR_PARSE_ERROR
                        + "netip.ParsePrefix(\"1.2.3.4\"): no '/'"),
                value("CIDR of a bad address", "cidr('1.2.3/8')", CIDR_PARSE_ERROR + CIDR_PARSE_ERROR
                        + "netip.ParsePrefix(\"1.2.3/8\"): ParseAddr(\"1.2.3\"): IPv4 address too short"),
                value("IPv4-mapped CIDR", "cidr('::ffff:1.2.3.4/120')",
                        CIDR_PARSE_ERROR + "IPv4-mapped IPv6 address \"::ffff:1.2.3.4/120\" is not allowed"),
                value("containsCIDR of a bad string", "cidr('10.0.0.0/8').containsCIDR('10.0.0.0')",
                        CIDR_PARSE_ERROR + CIDR_PARSE_ERROR + "netip.ParsePrefix(\"10.0.0.0\"): no '/'"),
                value("containsIP of a bad string", "cidr('10.0.0.0/8').containsIP('10.0.0')", "IP Address \"10.0.0\" "
                        + "parse error during conversion from string: ParseAddr(\"10.0.0\"): IPv4 address too short"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failuresReadInKubesWords(String name, String expression, String message) {
        assertThatThrownBy(() -> eval(expression, Map.of()))
                .isInstanceOf(CelEvaluationException.class)
                .hasMessage(message);
    }

    @Test
    void aFailureInsideALogicalOrIsAbsorbedAsCelRequires() throws Exception {
        assertThat(eval("true || [].min() > 0", Map.of())).isEqualTo(true);
        assertThat(eval("isQuantity(self.cpu) && quantity(self.cpu).isLessThan(quantity('1'))", Map.of("cpu", "1,5")))
                .isEqualTo(false);
    }

    @Test
    void readsTheObjectUnderValidation() throws Exception {
        Map<String, Object> self = Map.of("cpu", "500m", "cidr", "10.0.0.0/8", "endpoint", "https://hooks.example.com:8443/v1");

        assertThat(eval("quantity(self.cpu).isLessThan(quantity('1')) && cidr(self.cidr).containsIP('10.1.2.3')", self))
                .isEqualTo(true);
        assertThat(eval("url(self.endpoint).getPort() == '8443' && string(ip('10.0.0.1')) == '10.0.0.1'", self))
                .isEqualTo(true);
    }

    @Test
    void argumentsOfTheWrongTypeDoNotCompile() {
        assertThatThrownBy(() -> COMPILER.compile("cidr(192168)").getAst())
                .isInstanceOf(CelValidationException.class)
                .hasMessageContaining("found no matching overload for 'cidr'");
        assertThatThrownBy(() -> COMPILER.compile("isQuantity([1, 2, 3])").getAst())
                .hasMessageContaining("found no matching overload for 'isQuantity'");
        assertThatThrownBy(() -> COMPILER.compile("url('https://a/').getQuery().k.size() + ip('::1')").getAst())
                .isInstanceOf(CelValidationException.class);
    }
}
