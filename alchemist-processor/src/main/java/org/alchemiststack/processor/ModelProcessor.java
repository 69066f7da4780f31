package org.alchemiststack.processor;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.alchemiststack.spi.GeneratedModel;

/**
 * Generates, for each model class or record annotated {@code @jakarta.persistence.Entity} or
 * {@code @jakarta.persistence.Table}, a class {@code <SimpleName>_AlchemistModel} in the model's package that
 * implements {@link GeneratedModel}: it creates instances with the no-argument constructor or the record's canonical
 * constructor and reads and writes the mapped fields directly, so that alchemist-core needs no method handles for the
 * model. It mirrors alchemist-core's rules for which fields are columns: static and {@code transient} fields and
 * fields annotated {@code @Transient} are not; superclass fields are, from the top of the hierarchy down.
 *
 * <p>The generated code uses only members it can legally reach from the model's package. When a model needs one it
 * cannot reach (a private field, a private constructor, a private nested enum), or has relations, the processor emits
 * a compiler warning naming what is missing and generates nothing for it: the model then uses the reflective path.
 * A model alchemist-core would refuse (an unsupported field type, a final field in a class, no no-argument
 * constructor) gets no generated class and no warning; core reports it when the context is built.
 *
 * <p>Thread safety: javac drives a processor instance from one thread; the instance keeps no state between models.
 */
@SupportedAnnotationTypes({"jakarta.persistence.Entity", "jakarta.persistence.Table"})
public final class ModelProcessor extends AbstractProcessor {
    /** The suffix of a generated class's simple name; alchemist-core looks for the same. */
    static final String SUFFIX = "_AlchemistModel";
    /** The SPI version generated classes return, fixed when the processor is compiled. */
    static final int SPI_VERSION = GeneratedModel.SPI_VERSION;

    private static final String JPA = "jakarta.persistence.";
    private static final Set<String> RELATIONS = Set.of("ManyToOne", "OneToOne", "OneToMany", "ManyToMany");
    private static final Set<String> VALUE_TYPES = Set.of("java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.lang.String",
            "java.math.BigDecimal", "java.util.UUID", "java.time.Instant", "java.time.LocalDate",
            "java.time.LocalTime", "java.time.LocalDateTime", "java.time.OffsetDateTime");

    /** Creates the processor; javac does, through the service file. */
    public ModelProcessor() {
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Set<TypeElement> models = new LinkedHashSet<>();
        for (TypeElement annotation : annotations) {
            for (Element e : round.getElementsAnnotatedWith(annotation)) {
                if (e.getKind() == ElementKind.CLASS || e.getKind() == ElementKind.RECORD) {
                    models.add((TypeElement) e);
                }
            }
        }
        for (TypeElement model : models) {
            Model m = analyze(model);
            if (m != null) {
                write(m);
            }
        }
        return false;
    }

    /** One mapped field: its name, its declared type as source text, and its primitive kind or null. */
    private record Field(String name, String type, TypeKind primitive, String typeLiteral, String owner,
            String access) {
    }

    /** One record component: its accessor's field, or null when not mapped, and its type as source text. */
    private record Component(Field field, String type, TypeKind primitive) {
    }

    private record Model(TypeElement element, String pkg, String simpleName, String modelName, boolean record,
            List<Field> fields, List<Component> components, String shape) {
    }

    /** The key of {@code @SuppressWarnings} that silences this processor's warnings for a model. */
    static final String SUPPRESS_KEY = "alchemist";

    /** Whether the model being analyzed silences this processor's warnings; set per model. */
    private boolean quiet;

    private Model analyze(TypeElement model) {
        Messager log = processingEnv.getMessager();
        quiet = suppressed(model);
        String pkg = packageOf(model).getQualifiedName().toString();
        boolean record = model.getKind() == ElementKind.RECORD;
        if (model.getModifiers().contains(Modifier.ABSTRACT) || !model.getTypeParameters().isEmpty()) {
            return null; // core refuses abstract models; generic ones are left to the reflective path
        }
        if (!reachable(model, pkg)) {
            warn(model, "model " + model.getQualifiedName() + " is private, or nested in a private class");
            return null;
        }
        List<TypeElement> chain = new ArrayList<>();
        for (TypeElement c = model; c != null; c = superclass(c)) {
            String n = c.getQualifiedName().toString();
            if (n.equals("java.lang.Object") || n.equals("java.lang.Record")) {
                break;
            }
            chain.add(0, c);
        }
        List<Field> fields = new ArrayList<>();
        for (TypeElement c : chain) {
            for (VariableElement f : ElementFilter.fieldsIn(c.getEnclosedElements())) {
                Set<Modifier> mods = f.getModifiers();
                String name = f.getSimpleName().toString();
                if (fields.stream().anyMatch(x -> x.name().equals(name))) {
                    // a field of a subclass (mapped or not, static or not) hides a mapped superclass field: in
                    // generated code o.name would name the wrong one; left to the reflective path
                    return null;
                }
                if (mods.contains(Modifier.STATIC) || mods.contains(Modifier.TRANSIENT) || has(f, "Transient")
                        || (record && has(component(model, f), "Transient"))) {
                    continue;
                }
                if (c != model && !has(c, "MappedSuperclass")) {
                    return null; // core refuses this model
                }
                if (RELATIONS.stream().anyMatch(r -> has(f, r)) || isRef(f.asType())) {
                    if (!quiet) {
                        log.printMessage(Diagnostic.Kind.WARNING, model.getQualifiedName() + "." + name
                                + ": relations are not supported by generated mappers yet; the reflective path is"
                                + " used for " + model.getSimpleName() + " (@SuppressWarnings(\"" + SUPPRESS_KEY
                                + "\") on the model silences this).", f);
                    }
                    return null;
                }
                if (!record && mods.contains(Modifier.FINAL)) {
                    return null; // core refuses final fields in a class
                }
                TypeMirror t = f.asType();
                if (!supported(t)) {
                    return null; // core refuses the type and says so
                }
                if (!record && !fieldReachable(f, c, pkg)) {
                    warn(f, "field " + c.getQualifiedName() + "." + name + (c == model ? "" : " of model "
                            + model.getQualifiedName()) + " is " + (mods.contains(
                            Modifier.PRIVATE) ? "private" : "not accessible from package " + pkg) + "; make it"
                            + " package-private, protected or public");
                    return null;
                }
                if (t.getKind() == TypeKind.DECLARED) {
                    TypeElement te = (TypeElement) ((DeclaredType) t).asElement();
                    if (!reachable(te, pkg)) {
                        warn(f, "the type " + te.getQualifiedName() + " of field " + model.getQualifiedName() + "."
                                + name + " is not accessible from package " + pkg);
                        return null;
                    }
                }
                fields.add(new Field(name, sourceType(t), t.getKind().isPrimitive() ? t.getKind() : null,
                        typeLiteral(t), binaryName(c), access(mods)));
            }
        }
        List<Component> components = new ArrayList<>();
        List<String> shape = new ArrayList<>();
        if (record) {
            for (Element rc : model.getRecordComponents()) {
                String name = rc.getSimpleName().toString();
                Field mapped = fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
                TypeMirror t = rc.asType();
                if (t.getKind() == TypeKind.DECLARED
                        && !reachable((TypeElement) ((DeclaredType) t).asElement(), pkg)) {
                    warn(rc, "the type of record component " + name + " is not accessible from package " + pkg);
                    return null;
                }
                components.add(new Component(mapped, sourceType(t), t.getKind().isPrimitive() ? t.getKind()
                        : null));
                shape.add(name + " " + binaryTypeName(t) + (mapped == null ? " transient" : ""));
            }
        } else {
            if (model.getNestingKind() == NestingKind.MEMBER && !model.getModifiers().contains(Modifier.STATIC)) {
                return null; // core refuses inner classes
            }
            ExecutableElement noArgs = null;
            boolean anyConstructor = false;
            for (ExecutableElement ctor : ElementFilter.constructorsIn(model.getEnclosedElements())) {
                anyConstructor = true;
                if (ctor.getParameters().isEmpty()) {
                    noArgs = ctor;
                }
            }
            if (anyConstructor && noArgs == null) {
                return null; // core refuses a class without a no-argument constructor
            }
            if (noArgs != null && !noArgs.getThrownTypes().isEmpty()) {
                warn(noArgs, "the no-argument constructor of " + model.getQualifiedName() + " declares exceptions");
                return null;
            }
            if (noArgs != null && noArgs.getModifiers().contains(Modifier.PRIVATE)) {
                warn(noArgs, "the no-argument constructor of " + model.getQualifiedName() + " is private; make it"
                        + " package-private or public");
                return null;
            }
            // javac lists the implicit constructor too, with the class's access
            shape.add("constructor " + (noArgs == null ? "package" : access(noArgs.getModifiers())));
            for (Field f : fields) {
                shape.add(f.owner() + "." + f.name() + " " + f.access());
            }
        }
        if (fields.isEmpty()) {
            return null;
        }
        return new Model(model, pkg, generatedSimpleName(model), model.getQualifiedName().toString(), record, fields,
                components, (record ? "record " : "class ") + String.join(", ", shape));
    }

    /**
     * Whether {@code @SuppressWarnings("alchemist")} (or {@code "all"}) is on the model or on a class or package that
     * encloses it: the application knows the model stays on the reflective path and wants no warning, for example
     * under {@code -Werror}.
     */
    private static boolean suppressed(Element model) {
        for (Element e = model; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
            if (s != null && (List.of(s.value()).contains(SUPPRESS_KEY) || List.of(s.value()).contains("all"))) {
                return true;
            }
        }
        return false;
    }

    private void warn(Element at, String what) {
        if (quiet) {
            return;
        }
        processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, "alchemist-processor: " + what
                + "; no mapper is generated and the reflective path is used (@SuppressWarnings(\"" + SUPPRESS_KEY
                + "\") on the model silences this).", at);
    }

    private static PackageElement packageOf(Element e) {
        Element p = e;
        while (p.getKind() != ElementKind.PACKAGE) {
            p = p.getEnclosingElement();
        }
        return (PackageElement) p;
    }

    private static TypeElement superclass(TypeElement c) {
        TypeMirror s = c.getSuperclass();
        return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
    }

    private static Element component(TypeElement record, VariableElement field) {
        for (Element rc : record.getRecordComponents()) {
            if (rc.getSimpleName().equals(field.getSimpleName())) {
                return rc;
            }
        }
        return field;
    }

    /** Whether a type can be named from a class in {@code pkg}: it and every class enclosing it. */
    private static boolean reachable(TypeElement type, String pkg) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            Set<Modifier> m = e.getModifiers();
            if (m.contains(Modifier.PRIVATE)) {
                return false;
            }
            boolean samePackage = packageOf(e).getQualifiedName().contentEquals(pkg);
            if (!samePackage && !m.contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean fieldReachable(VariableElement f, TypeElement declaring, String pkg) {
        Set<Modifier> m = f.getModifiers();
        if (m.contains(Modifier.PRIVATE)) {
            return false;
        }
        boolean samePackage = packageOf(declaring).getQualifiedName().contentEquals(pkg);
        return (samePackage || m.contains(Modifier.PUBLIC)) && reachable(declaring, pkg);
    }

    private static boolean has(Element e, String jpaSimpleName) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            TypeElement t = (TypeElement) a.getAnnotationType().asElement();
            if (t.getQualifiedName().contentEquals(JPA + jpaSimpleName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRef(TypeMirror t) {
        return t.getKind() == TypeKind.DECLARED && ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName()
                .contentEquals("org.alchemiststack.model.Ref");
    }

    /** The field types alchemist-core maps, char excepted as core does. */
    private static boolean supported(TypeMirror t) {
        switch (t.getKind()) {
            case BOOLEAN: case BYTE: case SHORT: case INT: case LONG: case FLOAT: case DOUBLE:
                return true;
            case ARRAY:
                return ((ArrayType) t).getComponentType().getKind() == TypeKind.BYTE;
            case DECLARED:
                TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
                return e.getKind() == ElementKind.ENUM || VALUE_TYPES.contains(e.getQualifiedName().toString());
            default:
                return false;
        }
    }

    /** The type as source text, without type-use annotations. */
    private static String sourceType(TypeMirror t) {
        switch (t.getKind()) {
            case ARRAY:
                return sourceType(((ArrayType) t).getComponentType()) + "[]";
            case DECLARED:
                DeclaredType d = (DeclaredType) t;
                String base = ((TypeElement) d.asElement()).getQualifiedName().toString();
                if (d.getTypeArguments().isEmpty()) {
                    return base;
                }
                List<String> args = new ArrayList<>();
                for (TypeMirror a : d.getTypeArguments()) {
                    args.add(a.getKind() == TypeKind.WILDCARD ? "?" : sourceType(a));
                }
                return base + "<" + String.join(", ", args) + ">";
            default:
                return t.getKind().isPrimitive() ? t.getKind().name().toLowerCase(java.util.Locale.ROOT)
                        : "java.lang.Object";
        }
    }

    private static String typeLiteral(TypeMirror t) {
        String s = sourceType(t);
        int generic = s.indexOf('<');
        return (generic < 0 ? s : s.substring(0, generic)) + ".class";
    }

    /** The model's binary name without its package ({@code Outer$Inner}), then the suffix, as core looks it up. */
    private String generatedSimpleName(TypeElement model) {
        String binary = binaryName(model);
        String pkg = packageOf(model).getQualifiedName().toString();
        return (pkg.isEmpty() ? binary : binary.substring(pkg.length() + 1)) + SUFFIX;
    }

    private String binaryName(TypeElement type) {
        return processingEnv.getElementUtils().getBinaryName(type).toString();
    }

    /** A type as {@code Class.getTypeName()} spells its erasure: {@code int}, {@code byte[]}, {@code a.B$C}. */
    private String binaryTypeName(TypeMirror t) {
        switch (t.getKind()) {
            case ARRAY:
                return binaryTypeName(((ArrayType) t).getComponentType()) + "[]";
            case DECLARED:
                return binaryName((TypeElement) ((DeclaredType) t).asElement());
            default:
                return t.getKind().isPrimitive() ? t.getKind().name().toLowerCase(java.util.Locale.ROOT)
                        : binaryTypeName(processingEnv.getTypeUtils().erasure(t));
        }
    }

    /** The access of a member as the shape spells it: public, protected, package or private. */
    static String access(Set<Modifier> mods) {
        return mods.contains(Modifier.PUBLIC) ? "public" : mods.contains(Modifier.PROTECTED) ? "protected"
                : mods.contains(Modifier.PRIVATE) ? "private" : "package";
    }

    private static String zero(TypeKind k) {
        switch (k) {
            case BOOLEAN: return "false";
            case BYTE: return "(byte) 0";
            case SHORT: return "(short) 0";
            case LONG: return "0L";
            case FLOAT: return "0f";
            case DOUBLE: return "0d";
            case CHAR: return "'\\0'";
            default: return "0";
        }
    }

    /**
     * {@code expr} (an Object) converted to the field's type as a method handle's {@code asType} converts it: a cast
     * for a reference type; for a primitive, the helper that unboxes the wrappers that widen to it.
     */
    private static String cast(String type, TypeKind primitive, String expr) {
        return primitive != null ? helper(primitive) + "(" + expr + ")" : "(" + type + ") " + expr;
    }

    private static String helper(TypeKind k) {
        String name = k.name().toLowerCase(java.util.Locale.ROOT);
        return "to" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The wrappers whose values widen to a primitive (JLS 5.1.2), the exact one first. */
    private static List<String> widening(TypeKind k) {
        switch (k) {
            case BOOLEAN: return List.of("java.lang.Boolean");
            case BYTE: return List.of("java.lang.Byte");
            case SHORT: return List.of("java.lang.Short", "java.lang.Byte");
            case INT: return List.of("java.lang.Integer", "java.lang.Short", "java.lang.Byte",
                    "java.lang.Character");
            case LONG: return List.of("java.lang.Long", "java.lang.Integer", "java.lang.Short", "java.lang.Byte",
                    "java.lang.Character");
            case FLOAT: return List.of("java.lang.Float", "java.lang.Long", "java.lang.Integer", "java.lang.Short",
                    "java.lang.Byte", "java.lang.Character");
            case DOUBLE: return List.of("java.lang.Double", "java.lang.Float", "java.lang.Long", "java.lang.Integer",
                    "java.lang.Short", "java.lang.Byte", "java.lang.Character");
            default: throw new IllegalArgumentException(k.toString());
        }
    }

    /**
     * A helper that unboxes a value into a primitive like a method handle does: the wrappers that widen to it, else
     * {@link ClassCastException}; {@code null} throws {@link NullPointerException}.
     */
    private static void appendHelper(StringBuilder s, TypeKind k) {
        String prim = k.name().toLowerCase(java.util.Locale.ROOT);
        s.append("    private static ").append(prim).append(" ").append(helper(k)).append("(java.lang.Object $v) {\n");
        List<String> wrappers = widening(k);
        for (int i = 0; i < wrappers.size(); i++) {
            s.append("        if ($v instanceof ").append(wrappers.get(i)).append(") {\n            return (")
                    .append(wrappers.get(i)).append(") $v;\n        }\n");
        }
        s.append("        return (").append(wrappers.get(0)).append(") $v;\n    }\n\n");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void write(Model m) {
        String t = m.modelName();
        StringBuilder s = new StringBuilder();
        if (!m.pkg().isEmpty()) {
            s.append("package ").append(m.pkg()).append(";\n\n");
        }
        s.append("/**\n * The mapper of {@link ").append(t).append("}, generated by alchemist-processor; do not edit."
                + "\n * Regenerated on every compile.\n *\n * <p>Thread safety: stateless; safe to use from any thread.\n"
                + " */\n");
        s.append("@java.lang.SuppressWarnings({\"deprecation\", \"removal\"})\n");
        s.append("public final class ").append(m.simpleName()).append(" implements org.alchemiststack.spi"
                + ".GeneratedModel<").append(t).append("> {\n");
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Field f : m.fields()) {
            names.add(quote(f.name()));
            types.add(f.typeLiteral());
        }
        s.append("    private static final java.util.List<java.lang.String> FIELDS = java.util.List.of(")
                .append(String.join(", ", names)).append(");\n");
        s.append("    private static final java.util.List<java.lang.Class<?>> TYPES = java.util.List.of(")
                .append(String.join(", ", types)).append(");\n\n");
        java.util.EnumSet<TypeKind> primitives = java.util.EnumSet.noneOf(TypeKind.class);
        for (Field f : m.fields()) {
            if (f.primitive() != null) {
                primitives.add(f.primitive());
            }
        }
        for (TypeKind k : primitives) {
            appendHelper(s, k);
        }
        s.append("    /** Called by alchemist-core. */\n    public ").append(m.simpleName()).append("() {\n    }\n\n");
        s.append("    @java.lang.Override\n    public int spiVersion() {\n        return ").append(SPI_VERSION)
                .append(";\n    }\n\n");
        s.append("    @java.lang.Override\n    public java.lang.Class<").append(t).append("> modelType() {\n"
                + "        return ").append(t).append(".class;\n    }\n\n");
        s.append("    @java.lang.Override\n    public java.util.List<java.lang.String> fields() {\n"
                + "        return FIELDS;\n    }\n\n");
        s.append("    @java.lang.Override\n    public java.util.List<java.lang.Class<?>> fieldTypes() {\n"
                + "        return TYPES;\n    }\n\n");
        s.append("    @java.lang.Override\n    public java.lang.String shape() {\n        return ")
                .append(quote(m.shape())).append(";\n    }\n\n");
        // newInstance
        s.append("    @java.lang.Override\n    public ").append(t).append(" newInstance(java.lang.Object[] $v) {\n");
        if (m.record()) {
            List<String> args = new ArrayList<>();
            for (Component c : m.components()) {
                if (c.field() == null) {
                    args.add(c.primitive() != null ? zero(c.primitive()) : "(" + c.type() + ") null");
                } else {
                    String v = "$v[" + m.fields().indexOf(c.field()) + "]";
                    args.add(c.primitive() != null ? v + " == null ? " + zero(c.primitive()) + " : "
                            + cast(c.type(), c.primitive(), v) : cast(c.type(), null, v));
                }
            }
            s.append("        return new ").append(t).append("(\n                ")
                    .append(String.join(",\n                ", args)).append(");\n    }\n\n");
        } else {
            s.append("        ").append(t).append(" $o = new ").append(t).append("();\n");
            for (int i = 0; i < m.fields().size(); i++) {
                Field f = m.fields().get(i);
                String v = "$v[" + i + "]";
                if (f.primitive() != null) {
                    s.append("        if (").append(v).append(" != null) {\n            $o.").append(f.name())
                            .append(" = ").append(cast(f.type(), f.primitive(), v)).append(";\n        }\n");
                } else {
                    s.append("        $o.").append(f.name()).append(" = ").append(cast(f.type(), null, v))
                            .append(";\n");
                }
            }
            s.append("        return $o;\n    }\n\n");
        }
        appendRead(s, m, t);
        // values
        List<String> reads = new ArrayList<>();
        for (Field f : m.fields()) {
            reads.add(read(m, f));
        }
        s.append("    @java.lang.Override\n    public java.lang.Object[] values(").append(t).append(" $o) {\n"
                + "        return new java.lang.Object[] {\n                ")
                .append(String.join(",\n                ", reads)).append("};\n    }\n\n");
        // get
        s.append("    @java.lang.Override\n    public java.lang.Object get(").append(t).append(" $o, int $index) {\n"
                + "        switch ($index) {\n");
        for (int i = 0; i < m.fields().size(); i++) {
            s.append("            case ").append(i).append(":\n                return ").append(read(m,
                    m.fields().get(i))).append(";\n");
        }
        s.append("            default:\n                throw new java.lang.IndexOutOfBoundsException($index);\n"
                + "        }\n    }\n\n");
        // set
        s.append("    @java.lang.Override\n    public void set(").append(t).append(" $o, int $index, java.lang.Object"
                + " $value) {\n");
        if (m.record()) {
            s.append("        throw new java.lang.UnsupportedOperationException(\"").append(t)
                    .append(" is a record; its fields cannot be set\");\n    }\n");
        } else {
            s.append("        switch ($index) {\n");
            for (int i = 0; i < m.fields().size(); i++) {
                Field f = m.fields().get(i);
                s.append("            case ").append(i).append(":\n                $o.").append(f.name()).append(" = ")
                        .append(cast(f.type(), f.primitive(), "$value")).append(";\n                return;\n");
            }
            s.append("            default:\n                throw new java.lang.IndexOutOfBoundsException($index);\n"
                    + "        }\n    }\n");
        }
        s.append("}\n");
        String qualified = m.pkg().isEmpty() ? m.simpleName() : m.pkg() + "." + m.simpleName();
        try {
            JavaFileObject file = processingEnv.getFiler().createSourceFile(qualified, m.element());
            try (Writer w = file.openWriter()) {
                w.write(s.toString());
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "alchemist-processor could not write "
                    + qualified + ": " + e.getMessage(), m.element());
        }
    }

    /**
     * The plain JDBC getter core may hand a field to (a {@code null} codec), with the primitive it returns and the
     * wrapper it boxes to, or {@code null} when the field always goes through its codec. Must list exactly the types
     * of core's {@code PlainCodecs}.
     */
    private record Plain(String getter, String primitive, String wrapper) {
    }

    private static Plain plain(Field f) {
        TypeKind k = f.primitive();
        String type = k != null ? k.name() : f.type();
        switch (type) {
            case "BOOLEAN": case "java.lang.Boolean": return new Plain("getBoolean", "boolean", "java.lang.Boolean");
            case "SHORT": case "java.lang.Short": return new Plain("getShort", "short", "java.lang.Short");
            case "INT": case "java.lang.Integer": return new Plain("getInt", "int", "java.lang.Integer");
            case "LONG": case "java.lang.Long": return new Plain("getLong", "long", "java.lang.Long");
            case "FLOAT": case "java.lang.Float": return new Plain("getFloat", "float", "java.lang.Float");
            case "DOUBLE": case "java.lang.Double": return new Plain("getDouble", "double", "java.lang.Double");
            case "java.lang.String": return new Plain("getString", null, null);
            case "java.math.BigDecimal": return new Plain("getBigDecimal", null, null);
            default: return null;
        }
    }

    /**
     * {@code read(ResultSet, ValueCodec[], Object[])}: each field from its plain getter when core passes no codec,
     * else from the codec, converted as {@code newInstance} converts; the values read go to {@code v} when given.
     */
    private static void appendRead(StringBuilder s, Model m, String t) {
        s.append("    @java.lang.Override\n    public ").append(t).append(" read(java.sql.ResultSet $rs,"
                + " org.alchemiststack.model.ValueCodec[] $codecs, java.lang.Object[] $v)\n"
                + "            throws java.sql.SQLException {\n");
        List<Field> fields = m.fields();
        if (m.record()) {
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                s.append("        ").append(f.type()).append(" $f").append(i).append(";\n");
            }
        } else {
            s.append("        ").append(t).append(" $o = new ").append(t).append("();\n");
        }
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            appendReadField(s, m.record(), f, i, m.record() ? "$f" + i : "$o." + f.name());
        }
        if (m.record()) {
            List<String> args = new ArrayList<>();
            for (Component c : m.components()) {
                if (c.field() == null) {
                    args.add(c.primitive() != null ? zero(c.primitive()) : "(" + c.type() + ") null");
                } else {
                    args.add("$f" + fields.indexOf(c.field()));
                }
            }
            s.append("        return new ").append(t).append("(\n                ")
                    .append(String.join(",\n                ", args)).append(");\n    }\n\n");
        } else {
            s.append("        return $o;\n    }\n\n");
        }
    }

    /**
     * One field of {@code read}. A record's primitive component that reads NULL gets its type's zero, and a class's
     * primitive field keeps what its constructor set, as {@code newInstance} does with a {@code null}.
     */
    private static void appendReadField(StringBuilder s, boolean record, Field f, int i, String target) {
        int col = i + 1;
        String codec = "$codecs[" + i + "]";
        Plain p = plain(f);
        String indent = "        ";
        if (p != null) {
            s.append(indent).append("if (").append(codec).append(" == null) {\n");
            String in = indent + "    ";
            if (p.primitive() == null) {
                s.append(in).append(f.type()).append(" $x = $rs.").append(p.getter()).append("(").append(col)
                        .append(");\n");
                s.append(in).append(target).append(" = $x;\n");
                s.append(in).append("if ($v != null) {\n").append(in).append("    $v[").append(i).append("] = $x;\n")
                        .append(in).append("}\n");
            } else {
                String nonZero = p.primitive().equals("boolean") ? "$x" : "$x != 0";
                s.append(in).append(p.primitive()).append(" $x = $rs.").append(p.getter()).append("(").append(col)
                        .append(");\n");
                if (f.primitive() != null) {
                    // a NULL leaves a class field as constructed; a record component gets x, which is the zero
                    if (record) {
                        s.append(in).append(target).append(" = $x;\n");
                        s.append(in).append("if ($v != null) {\n").append(in).append("    $v[").append(i)
                                .append("] = ").append(nonZero).append(" || !$rs.wasNull() ? ").append(p.wrapper())
                                .append(".valueOf($x) : null;\n").append(in).append("}\n");
                    } else {
                        s.append(in).append("if (").append(nonZero).append(" || !$rs.wasNull()) {\n")
                                .append(in).append("    ").append(target).append(" = $x;\n")
                                .append(in).append("    if ($v != null) {\n")
                                .append(in).append("        $v[").append(i).append("] = ").append(p.wrapper())
                                .append(".valueOf($x);\n").append(in).append("    }\n")
                                .append(in).append("} else if ($v != null) {\n")
                                .append(in).append("    $v[").append(i).append("] = null;\n")
                                .append(in).append("}\n");
                    }
                } else {
                    s.append(in).append(p.wrapper()).append(" $b = ").append(nonZero).append(" || !$rs.wasNull() ? ")
                            .append(p.wrapper()).append(".valueOf($x) : null;\n");
                    s.append(in).append(target).append(" = $b;\n");
                    s.append(in).append("if ($v != null) {\n").append(in).append("    $v[").append(i)
                            .append("] = $b;\n").append(in).append("}\n");
                }
            }
            s.append(indent).append("} else {\n");
        } else {
            s.append(indent).append("{\n");
        }
        indent = indent + "    ";
        s.append(indent).append("java.lang.Object $x = ").append(codec).append(".read($rs, ").append(col)
                .append(");\n");
        s.append(indent).append("if ($v != null) {\n").append(indent).append("    $v[").append(i)
                .append("] = $x;\n").append(indent).append("}\n");
        if (f.primitive() != null) {
            if (record) {
                s.append(indent).append(target).append(" = $x == null ? ").append(zero(f.primitive())).append(" : ")
                        .append(cast(f.type(), f.primitive(), "$x")).append(";\n");
            } else {
                s.append(indent).append("if ($x != null) {\n").append(indent).append("    ").append(target)
                        .append(" = ").append(cast(f.type(), f.primitive(), "$x")).append(";\n")
                        .append(indent).append("}\n");
            }
        } else {
            s.append(indent).append(target).append(" = ").append(cast(f.type(), null, "$x")).append(";\n");
        }
        s.append("        }\n");
    }

    private static String read(Model m, Field f) {
        return "$o." + f.name() + (m.record() ? "()" : "");
    }
}
