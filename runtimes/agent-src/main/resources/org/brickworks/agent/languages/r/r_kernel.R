# The R interpreter of a Brickworks execution context. The driver agent writes each command to a
# file and sends one line on stdin: "<max rows>\t<path>". The kernel evaluates the file's
# expressions one by one in the global environment (state persists), printing visible values as
# the R console does, with everything printed (stdout, messages, warnings) going to <path>.out. A
# data.frame as the last visible value, or given to display(df), is the command's table instead:
# <path>.table holds "<truncated TRUE|FALSE>", the column names, the column types, then at most
# <max rows> rows, one a line, fields tab-separated and escaped (\\, \t, \n, \r; NA is \N). The
# kernel answers "started" on stdout when it begins, then one line "ok" or "error"; for an error
# R's one-line message ("Error in f(x): ..." or "Error: ...") is the first line of <path>.error and
# the calls the rest. SIGINT after "started" interrupts the command; between commands it is ignored.
# While a command runs, dbutils.secrets asks the agent on stdout (the command's own output goes to its
# file): "call\t<name>\t<argument>..." and reads one line from stdin, "value\t<field>..." or
# "error\t<message>"; a secret's value travels as hexadecimal.
input <- file("stdin", "r")
options(warn = 1)
brickworks <- new.env()
local({
  shown <- NULL
  display <- function(df) {
    if (!is.data.frame(df)) stop("display() takes a data.frame, not ", class(df)[1])
    shown <<- df
    invisible(df)
  }
  take_shown <- function() {
    df <- shown
    shown <<- NULL
    df
  }
  protocol <- file("/dev/stdout", open = "w", raw = TRUE)
  requests <- input
  call_agent <- function(name, ...) {
    args <- as.character(c(...))
    if (any(grepl("[\t\r\n]", args))) stop("dbutils arguments must not contain tabs or line breaks", call. = FALSE)
    writeLines(paste(c("call", name, args), collapse = "\t"), protocol, useBytes = TRUE)
    flush(protocol)
    answer <- readLines(requests, n = 1)
    if (length(answer) == 0) quit(save = "no")
    fields <- strsplit(answer, "\t", fixed = TRUE)[[1]]
    if (fields[1] == "error") stop(paste(fields[-1], collapse = " "), call. = FALSE)
    fields[-1]
  }
  dbutils.secrets.getBytes <- function(scope, key) {
    hex <- call_agent("secrets.getBytes", scope, key)
    if (length(hex) == 0 || nchar(hex[1]) == 0) return(raw(0))
    hex <- hex[1]
    as.raw(strtoi(substring(hex, seq(1, nchar(hex), 2), seq(2, nchar(hex), 2)), 16L))
  }
  dbutils.secrets.get <- function(scope, key) {
    value <- rawToChar(dbutils.secrets.getBytes(scope, key))
    Encoding(value) <- "UTF-8"
    value
  }
  dbutils.secrets.list <- function(scope) data.frame(key = call_agent("secrets.list", scope))
  dbutils.secrets.listScopes <- function() data.frame(name = call_agent("secrets.listScopes"))
}, envir = brickworks)
attach(brickworks, name = "brickworks", warn.conflicts = FALSE)
rm(brickworks)

local({
  escape <- function(x) {
    x <- gsub("\\", "\\\\", x, fixed = TRUE)
    x <- gsub("\t", "\\t", x, fixed = TRUE)
    x <- gsub("\n", "\\n", x, fixed = TRUE)
    gsub("\r", "\\r", x, fixed = TRUE)
  }
  column_type <- function(column) {
    if (inherits(column, "Date")) "date"
    else if (inherits(column, "POSIXt")) "timestamp"
    else if (is.logical(column)) "boolean"
    else if (is.integer(column) && !is.factor(column)) "integer"
    else if (is.numeric(column)) "double"
    else "string"
  }
  column_text <- function(column, type) {
    text <- if (type == "double") format(column, digits = 15, scientific = FALSE, trim = TRUE)
            else if (type == "timestamp") format(column, "%Y-%m-%dT%H:%M:%OS3")
            else as.character(column)
    text <- escape(text)
    text[is.na(column)] <- "\\N"
    text
  }
  write_table <- function(df, max_rows, path) {
    df <- as.data.frame(df)
    kept <- utils::head(df, max_rows)
    types <- vapply(kept, column_type, "")
    columns <- Map(column_text, kept, types)
    rows <- if (ncol(kept) == 0 || nrow(kept) == 0) character() else do.call(paste, c(unname(columns), sep = "\t"))
    writeLines(c(if (nrow(df) > max_rows) "TRUE" else "FALSE", paste(escape(names(kept)), collapse = "\t"),
                 paste(types, collapse = "\t"), rows), path, useBytes = TRUE)
  }
  one_line <- function(e, evaluating) {
    call <- conditionCall(e)
    message <- conditionMessage(e)
    if (is.null(call) || identical(call, evaluating)) paste0("Error: ", message)
    else paste0("Error in ", deparse(call, nlines = 1), ": ", message)
  }
  run <- function(path, max_rows) {
    out <- file(paste0(path, ".out"), open = "wt")
    sink(out)
    sink(out, type = "message")
    on.exit({
      sink(type = "message")
      sink()
      close(out)
    })
    evaluating <- quote(eval(expression, .GlobalEnv))
    last <- NULL
    failure <- NULL
    expressions <- tryCatch(parse(text = readLines(path, warn = FALSE, encoding = "UTF-8"), keep.source = FALSE),
                            error = function(e) e)
    if (inherits(expressions, "error")) {
      writeLines(paste0("Error: ", sub("^<text>:", "line ", conditionMessage(expressions))), paste0(path, ".error"),
                 useBytes = TRUE)
      return("error")
    }
    tryCatch(withCallingHandlers({
      for (expression in expressions) {
        value <- withVisible(eval(expression, .GlobalEnv))
        last <- NULL
        if (value$visible) {
          if (is.data.frame(value$value)) last <- value$value else print(value$value)
        }
      }
    }, warning = function(w) {
      call <- conditionCall(w)
      where <- if (is.null(call) || identical(call, evaluating)) "" else paste0(" in ", deparse(call, nlines = 1))
      message("Warning", where, ": ", conditionMessage(w))
      invokeRestart("muffleWarning")
    }, error = function(e) {
      calls <- vapply(utils::head(sys.calls(), -2), function(call) deparse(call, nlines = 1), "")
      inner <- which(calls == "eval(expression, .GlobalEnv)")
      failure <<- c(one_line(e, evaluating), if (length(inner) > 0) utils::tail(calls, -max(inner)))
    }), error = function(e) NULL, interrupt = function(e) {
      failure <<- "Error: interrupted"
    })
    shown <- take_shown()
    if (!is.null(failure)) {
      writeLines(failure, paste0(path, ".error"), useBytes = TRUE)
      return("error")
    }
    table <- if (!is.null(shown)) shown else last
    if (!is.null(table)) write_table(table, max_rows, paste0(path, ".table"))
    "ok"
  }
  cat("ready\n")
  flush(stdout())
  repeat {
    # An interrupt that arrives between commands is ignored.
    request <- tryCatch(readLines(input, n = 1), interrupt = function(e) NA)
    if (length(request) == 0) break
    if (is.na(request)) next
    fields <- strsplit(request, "\t", fixed = TRUE)[[1]]
    cat("started\n")
    flush(stdout())
    status <- tryCatch(run(fields[2], as.integer(fields[1])), interrupt = function(e) "error")
    cat(status, "\n", sep = "")
    flush(stdout())
  }
})
