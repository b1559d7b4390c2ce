-- Databricks notebook source
-- DBTITLE 1,Parameters
SELECT '${day}' AS day

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Notes
-- MAGIC * one
-- MAGIC * two

-- COMMAND ----------

-- DBTITLE 1,Numbers
SELECT id, id * id AS square FROM range(3)
