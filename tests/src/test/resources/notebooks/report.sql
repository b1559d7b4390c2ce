-- Databricks notebook source
-- DBTITLE 1,Parameters
SELECT '${day}' AS day

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Notes
-- MAGIC * one
-- MAGIC * two

-- COMMAND ----------

-- MAGIC %python
-- MAGIC print(spark.version)
