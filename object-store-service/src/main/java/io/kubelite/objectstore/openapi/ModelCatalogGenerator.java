package io.kubelite.objectstore.openapi;

import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Pod;
import io.swagger.annotations.ApiModel;
import io.swagger.annotations.ApiModelProperty;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Build step: writes the catalog of Kubernetes' stable API types that {@link ModelCatalog} serves
 * as OpenAPI schemas (what {@code kubectl explain} prints). The types, descriptions and required
 * fields come from the Kubernetes Java client's generated models ({@code io.kubernetes:client-java-api}
 * of the same Kubernetes minor), which carry the OpenAPI descriptions as annotations; that jar is
 * only on the build's class path, the catalog is what ships.
 *
 * <p>Each entry is keyed by the model's class name ({@code V1PodSpec}); references to other
 * models are {@code {"$ref": "V1Container"}}, resolved to Kubernetes' definition names when a
 * document is served. The client's models have no description for a field whose type is another
 * model (its generator drops it beside the reference); those come from {@link FieldDescriptions}.
 * Run by Maven in {@code process-classes} with the output path and the descriptions table as
 * arguments.
 */
public final class ModelCatalogGenerator {

    /** Stable versions only: {@code V1Pod}, {@code V2HorizontalPodAutoscaler}, {@code CoreV1Event}. */
    private static final Pattern STABLE = Pattern.compile("([A-Z][a-z]+)?V\\d+[A-Z]\\w*");
    private static final String MODELS = "io/kubernetes/client/openapi/models/";

    private final JsonMapper json = JsonMapper.builder().build();
    private final FieldDescriptions referenceDescriptions;

    ModelCatalogGenerator(FieldDescriptions referenceDescriptions) {
        this.referenceDescriptions = referenceDescriptions;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        ModelCatalogGenerator generator = new ModelCatalogGenerator(
                args.length > 1 ? FieldDescriptions.read(Path.of(args[1])) : FieldDescriptions.none());
        ObjectNode catalog = generator.catalog();
        Files.createDirectories(out.getParent());
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(out))) {
            os.write(generator.json.writeValueAsBytes(catalog));
        }
        System.out.println("Wrote " + catalog.size() + " API types to " + out);
    }

    ObjectNode catalog() throws IOException {
        ObjectNode catalog = json.createObjectNode();
        for (String name : modelClassNames()) {
            Class<?> model;
            try {
                model = Class.forName(MODELS.replace('/', '.') + name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            if (isModel(model)) {
                catalog.set(name, schema(model));
            }
        }
        return catalog;
    }

    private static Collection<String> modelClassNames() throws IOException {
        Path jar;
        try {
            jar = Path.of(V1Pod.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        TreeSet<String> names = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith(MODELS) && n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(MODELS.length(), n.length() - ".class".length()))
                    .filter(n -> STABLE.matcher(n).matches())
                    .forEach(names::add);
        }
        return names;
    }

    private static boolean isModel(Class<?> type) {
        try {
            type.getField("openapiFields");
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private ObjectNode schema(Class<?> model) {
        ObjectNode schema = json.createObjectNode();
        ApiModel about = model.getAnnotation(ApiModel.class);
        if (about != null && !about.description().isEmpty()) {
            schema.put("description", about.description());
        }
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (Field field : model.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            SerializedName serialized = field.getAnnotation(SerializedName.class);
            String name = serialized != null ? serialized.value() : field.getName();
            ObjectNode property = properties.putObject(name);
            String description = description(model, field);
            if (description.isEmpty()) {
                description = referenceDescriptions.of(model.getSimpleName(), name).orElse("");
            }
            if (!description.isEmpty()) {
                property.put("description", description);
            }
            property.setAll(type(field.getGenericType()));
        }
        TreeSet<String> required = requiredFields(model);
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<String> requiredFields(Class<?> model) {
        try {
            return new TreeSet<>((java.util.Set<String>) model.getField("openapiRequiredFields").get(null));
        } catch (ReflectiveOperationException e) {
            return new TreeSet<>();
        }
    }

    /** The {@code @ApiModelProperty} of the field's getter ({@code getApiVersion}, {@code getContinue}). */
    private static String description(Class<?> model, Field field) {
        String bare = field.getName().replace("_", "").toLowerCase();
        for (Method m : model.getMethods()) {
            if (m.getParameterCount() == 0 && (m.getName().toLowerCase().equals("get" + bare)
                    || m.getName().toLowerCase().equals("is" + bare))) {
                ApiModelProperty property = m.getAnnotation(ApiModelProperty.class);
                return property == null ? "" : property.value();
            }
        }
        return "";
    }

    private ObjectNode type(Type type) {
        ObjectNode schema = json.createObjectNode();
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) {
                schema.put("type", "array");
                schema.set("items", type(args[0]));
            } else if (Map.class.isAssignableFrom(raw)) {
                schema.put("type", "object");
                schema.set("additionalProperties", type(args[1]));
            } else {
                throw new IllegalStateException("unexpected generic type " + type);
            }
            return schema;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            schema.put("type", "string");
        } else if (c == Integer.class) {
            schema.put("type", "integer").put("format", "int32");
        } else if (c == Long.class) {
            schema.put("type", "integer").put("format", "int64");
        } else if (c == Boolean.class) {
            schema.put("type", "boolean");
        } else if (c == Double.class || c == Float.class || c == BigDecimal.class) {
            schema.put("type", "number").put("format", "double");
        } else if (c == OffsetDateTime.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (c == byte[].class) {
            schema.put("type", "string").put("format", "byte");
        } else if (c == Object.class) {
            schema.put("type", "object");
        } else if (c == Quantity.class) {
            schema.put("$ref", "Quantity");
        } else if (c == IntOrString.class) {
            schema.put("$ref", "IntOrString");
        } else if (c.isEnum()) {
            schema.put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(constant.toString());
            }
        } else if (isModel(c)) {
            schema.put("$ref", c.getSimpleName());
        } else {
            throw new IllegalStateException("unexpected field type " + c.getName());
        }
        return schema;
    }
}
