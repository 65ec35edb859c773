package io.kubelite.scheduler.filters;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;

import java.util.List;
import java.util.Map;

/**
 * Node selector terms as node affinity uses them: the expressions (and fields) of one term are
 * ANDed; the terms of {@code requiredDuringSchedulingIgnoredDuringExecution} are ORed. A term with
 * no requirements matches no node.
 *
 * <p>Operators: {@code In}, {@code NotIn} (also true when the label is absent), {@code Exists},
 * {@code DoesNotExist}, {@code Gt} and {@code Lt} (the label and the single value are integers:
 * {@code cores Gt 4} matches {@code cores=8}, not {@code cores=4} nor {@code cores=many}).
 * {@code matchFields} supports {@code metadata.name}, the one field Kubernetes allows.
 */
public final class NodeSelectors {

    private NodeSelectors() {
    }

    public static boolean anyTermMatches(List<NodeSelectorTerm> terms, String nodeName, Map<String, String> labels) {
        if (terms == null) {
            return false;
        }
        for (NodeSelectorTerm term : terms) {
            if (termMatches(term, nodeName, labels)) {
                return true;
            }
        }
        return false;
    }

    public static boolean termMatches(NodeSelectorTerm term, String nodeName, Map<String, String> labels) {
        List<NodeSelectorRequirement> expressions = orEmpty(term.getMatchExpressions());
        List<NodeSelectorRequirement> fields = orEmpty(term.getMatchFields());
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        for (NodeSelectorRequirement r : expressions) {
            if (!matches(r, labels.get(r.getKey()))) {
                return false;
            }
        }
        for (NodeSelectorRequirement r : fields) {
            String value = "metadata.name".equals(r.getKey()) ? nodeName : null;
            if (value == null || !matches(r, value)) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(NodeSelectorRequirement r, String value) {
        List<String> values = orEmpty(r.getValues());
        String op = r.getOperator() == null ? "" : r.getOperator();
        if ("In".equals(op)) {
            return value != null && values.contains(value);
        }
        if ("NotIn".equals(op)) {
            return value == null || !values.contains(value);
        }
        if ("Exists".equals(op)) {
            return value != null;
        }
        if ("DoesNotExist".equals(op)) {
            return value == null;
        }
        if ("Gt".equals(op) || "Lt".equals(op)) {
            if (value == null || values.size() != 1) {
                return false;
            }
            try {
                long actual = Long.parseLong(value);
                long bound = Long.parseLong(values.get(0));
                return "Gt".equals(op) ? actual > bound : actual < bound;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
