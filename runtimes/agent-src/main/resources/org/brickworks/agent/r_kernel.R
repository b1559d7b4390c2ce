# The R interpreter of a Brickworks execution context. The driver agent writes each command to a
# file and sends that file's path as one line on stdin; the kernel sources it in the global
# environment (state persists), writes the printed output to <path>.out and answers one line on
# stdout: "ok" or "error" (then <path>.out holds the error message).
input <- file("stdin", "r")
cat("ready\n")
flush(stdout())
repeat {
  path <- readLines(input, n = 1)
  if (length(path) == 0) break
  status <- "ok"
  text <- tryCatch(
    paste(utils::capture.output(source(path, local = .GlobalEnv, echo = FALSE, print.eval = TRUE)),
          collapse = "\n"),
    error = function(e) {
      status <<- "error"
      conditionMessage(e)
    },
    interrupt = function(e) {
      status <<- "error"
      "interrupted"
    })
  writeLines(text, paste0(path, ".out"), useBytes = TRUE)
  cat(status, "\n", sep = "")
  flush(stdout())
}
