#!/usr/bin/env bash
# Delta on dbfs:/ versus the same on a plain file: path, in one driver and one run (issue 6's benchmark):
# writes N rows (10 million by default) as Delta and reads them back (a sum over every row), alternating the two
# paths RUNS times (3), and prints each time, the medians and the ratio file:/dbfs: (target at least 0.9).
#   usage: releng/bench/delta-dbfs-bench.sh <cluster id> [rows] [runs]
#   env:   BRICKWORKS_URL (http://localhost:8080), BRICKWORKS_TOKEN (data/admin-token of the built distribution)
# The cluster must be RUNNING; the timing happens inside the driver (a Scala command), so the API adds nothing.
set -euo pipefail
cluster=${1:?usage: $0 <cluster id> [rows] [runs]}
rows=${2:-10000000}
runs=${3:-3}
url=${BRICKWORKS_URL:-http://localhost:8080}
token=${BRICKWORKS_TOKEN:-$(cat "$(dirname "$0")/../../product/target/brickworks/data/admin-token")}
api() { curl -sf -H "Authorization: Bearer $token" "$url/api/1.2/$1" ${2:+-d "$2"}; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

context=$(api contexts/create "{\"clusterId\":\"$cluster\",\"language\":\"scala\"}" | field '["id"]')
read -r -d '' code <<SCALA || true
val local = java.nio.file.Files.createTempDirectory("delta-bench").toUri.toString
def millis(work: => Unit): Double = { val began = System.nanoTime; work; (System.nanoTime - began) / 1e6 }
val rows = spark.range(${rows}L).selectExpr("id", "id * 2 AS v", "cast(id AS string) AS s")
def write(path: String) = millis(rows.write.format("delta").mode("overwrite").save(path))
def read(path: String) = millis(spark.read.format("delta").load(path).selectExpr("sum(v)").collect())
val paths = Seq("dbfs" -> "dbfs:/tmp/delta-bench", "file" -> (local + "table"))
write(paths(0)._2); write(paths(1)._2) // warm-up: JIT, Delta's first commit
val times = (1 to ${runs}).flatMap(_ => paths.map { case (name, path) => (name, write(path), read(path)) })
def median(name: String, time: ((String, Double, Double)) => Double) = {
  val xs = times.filter(_._1 == name).map(time).sorted; xs(xs.size / 2)
}
times.foreach { case (name, w, r) => println(f"run \$name%-4s write \$w%8.0f ms  read \$r%8.0f ms") }
val (dw, dr, fw, fr) = (median("dbfs", _._2), median("dbfs", _._3), median("file", _._2), median("file", _._3))
println(f"RESULT rows=${rows} write dbfs \$dw%.0f ms file \$fw%.0f ms ratio \${fw / dw}%.2f; read dbfs \$dr%.0f ms file \$fr%.0f ms ratio \${fr / dr}%.2f")
paths.foreach { case (_, path) =>
  val p = new org.apache.hadoop.fs.Path(path); p.getFileSystem(spark.sparkContext.hadoopConfiguration).delete(p, true)
}
SCALA
command=$(python3 -c 'import json,sys; print(json.dumps({"clusterId":sys.argv[1],"contextId":sys.argv[2],"language":"scala","command":sys.argv[3]}))' "$cluster" "$context" "$code")
id=$(api commands/execute "$command" | field '["id"]')
while :; do
  status=$(api "commands/status?clusterId=$cluster&contextId=$context&commandId=$id")
  case $(echo "$status" | field '["status"]') in Queued|Running) sleep 2 ;; *) break ;; esac
done
echo "$status" | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; print(r.get("data") or r.get("summary") or r, r.get("cause", ""))'
api contexts/destroy "{\"clusterId\":\"$cluster\",\"contextId\":\"$context\"}" >/dev/null
