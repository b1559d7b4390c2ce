# Databricks notebook source
library(SparkR)

# COMMAND ----------

# MAGIC %sql
# MAGIC SELECT 2 AS two

# COMMAND ----------

# MAGIC %python
# MAGIC print(spark.version)
