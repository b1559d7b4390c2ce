package org.brickworks.workspace.api.dto;

/**
 * A Workspace API {@code import}.
 *
 * @param path
 *            absolute path of the new object; for {@code AUTO} imports of notebooks a notebook extension
 *            ({@code .py}, {@code .scala}, {@code .sql}, {@code .r}, {@code .ipynb}) is removed
 * @param format
 *            SOURCE, JUPYTER or AUTO
 * @param language
 *            the notebook language; required for SOURCE unless the path's extension names it, ignored otherwise
 *            (JUPYTER takes it from the notebook's metadata)
 * @param overwrite
 *            whether an existing notebook or file at {@code path} is replaced (a notebook gains a revision)
 * @param content
 *            the decoded bytes
 */
public record ImportRequest(String path, ExportFormat format, NotebookLanguage language, boolean overwrite,
        byte[] content) {
}
