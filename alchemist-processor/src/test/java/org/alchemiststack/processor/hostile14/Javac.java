package org.alchemiststack.processor.hostile14;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles sources at test time, with or without alchemist-processor (found on the test class path). */
final class Javac {
    private Javac() {
    }

    record Result(boolean compiled, Path classes, Path generated, List<Diagnostic<? extends JavaFileObject>> diags) {
        String errors() {
            StringBuilder sb = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diags) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    sb.append(d.getMessage(null)).append('\n');
                }
            }
            return sb.toString();
        }
    }

    static JavaFileObject source(String className, String code) {
        return new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    static Result compile(Path dir, boolean processor, JavaFileObject... sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path generated = Files.createDirectories(dir.resolve("generated"));
        List<String> options = new ArrayList<>(List.of("--release", "17", "-Xlint:all,-processing", "-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString(), "-s", generated.toString()));
        if (!processor) {
            options.add("-proc:none");
        }
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, null)) {
            boolean ok = javac.getTask(null, fm, diags, options, null, List.of(sources)).call();
            return new Result(ok, classes, generated, diags.getDiagnostics());
        }
    }

    static URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Javac.class.getClassLoader());
    }
}
