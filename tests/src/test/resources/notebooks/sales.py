# Databricks notebook source
# MAGIC %md
# MAGIC # Sales report
# MAGIC
# MAGIC Loads the **daily** sales and sums them per day.

# COMMAND ----------

# MAGIC %run ./includes/setup

# COMMAND ----------

# DBTITLE 1,Load the table
df = spark.table("sales")

display(df)

# COMMAND ----------

# DBTITLE 1,Totals per day
# MAGIC %sql
# MAGIC SELECT day, sum(amount) AS total
# MAGIC FROM sales
# MAGIC GROUP BY day

# COMMAND ----------

# MAGIC %fs ls /databricks-datasets

# COMMAND ----------

# MAGIC %md-sandbox
# MAGIC <div style="color: red">Legacy HTML cell</div>

# COMMAND ----------

# MAGIC %md
# MAGIC Older exports wrote blank lines with a trailing space:
# MAGIC 
# MAGIC like this one.

# COMMAND ----------

print("done")
