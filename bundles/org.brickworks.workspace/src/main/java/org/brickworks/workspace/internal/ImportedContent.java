package org.brickworks.workspace.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.brickworks.core.api.BrickworksException;
import org.brickworks.workspace.api.dto.ExportFormat;
import org.brickworks.workspace.api.dto.ImportRequest;
import org.brickworks.workspace.api.dto.Notebook;
import org.brickworks.workspace.api.dto.NotebookLanguage;

/**
 * What an import brings: a notebook or a file's bytes, at its final path (AUTO drops a notebook's extension, as
 * Databricks does). Stateless decisions on the request alone.
 *
 * @param path
 *            the normalized path the object gets
 * @param notebook
 *            the notebook; null for a file
 * @param file
 *            the file's bytes; null for a notebook
 */
record ImportedContent(String path, Notebook notebook, byte[] file) {
    private static final String IPYNB = ".ipynb";

    static ImportedContent of(ImportRequest request) {
        String path = WorkspacePaths.normalize(request.path());
        if (WorkspacePaths.ROOT.equals(path)) {
            throw BrickworksException.invalidParameter("Cannot import over the workspace root /");
        }
        if (request.content() == null) {
            throw BrickworksException.invalidParameter("Missing required field: content");
        }
        ExportFormat format = request.format() == null ? ExportFormat.SOURCE : request.format();
        return switch (format) {
        case SOURCE -> new ImportedContent(path, source(path, request), null);
        case JUPYTER -> new ImportedContent(path, JupyterFormat.read(request.content(), fallback(path, request)),
                null);
        case AUTO -> auto(path, request);
        };
    }

    private static Notebook source(String path, ImportRequest request) {
        NotebookLanguage language = Optional.ofNullable(request.language())
                .or(() -> NotebookLanguage.ofExtension(extension(path)))
                .orElseThrow(() -> BrickworksException.invalidParameter(
                        "The language field is required for format SOURCE (PYTHON, SCALA, SQL or R)"));
        return SourceFormat.read(utf8(request.content()), language);
    }

    private static ImportedContent auto(String path, ImportRequest request) {
        String extension = extension(path);
        if (path.endsWith(IPYNB)) {
            String bare = path.substring(0, path.length() - IPYNB.length());
            return new ImportedContent(bare, JupyterFormat.read(request.content(), fallback(bare, request)), null);
        }
        Optional<String> text = utf8IfText(request.content());
        Optional<NotebookLanguage> header = text.flatMap(SourceFormat::headerLanguage);
        if (header.isEmpty()) {
            return new ImportedContent(path, null, request.content());
        }
        NotebookLanguage language = NotebookLanguage.ofExtension(extension)
                .filter(byExtension -> byExtension.commentPrefix().equals(header.get().commentPrefix()))
                .orElse(header.get());
        String bare = NotebookLanguage.ofExtension(extension).isPresent()
                ? path.substring(0, path.length() - extension.length() - 1)
                : path;
        return new ImportedContent(bare, SourceFormat.read(text.get(), language), null);
    }

    private static NotebookLanguage fallback(String path, ImportRequest request) {
        return Optional.ofNullable(request.language()).or(() -> NotebookLanguage.ofExtension(extension(path)))
                .orElse(NotebookLanguage.PYTHON);
    }

    static String extension(String path) {
        String name = WorkspacePaths.name(path);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1);
    }

    private static String utf8(byte[] content) {
        return utf8IfText(content).orElseThrow(
                () -> BrickworksException.invalidParameter("The notebook source is not valid UTF-8 text"));
    }

    private static Optional<String> utf8IfText(byte[] content) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
