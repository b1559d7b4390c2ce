// Databricks notebook source
// DBTITLE 1,Setup
import org.apache.spark.sql.functions._
val df = spark.range(10).withColumn("sq", col("id") * col("id"))

// COMMAND ----------

// MAGIC %sql
// MAGIC SELECT 1 AS one

// COMMAND ----------

df.createOrReplaceTempView("squares")