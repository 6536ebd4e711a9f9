package org.cathodej.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop configuration that travels with a task, so executors reach HDFS or S3 with the driver's settings (the
 * user's {@code spark.hadoop.*} options included).
 */
final class HadoopConf implements Serializable {

	private static final long serialVersionUID = 1L;

	private transient Configuration conf;

	HadoopConf(Configuration conf) {
		this.conf = conf;
	}

	Configuration get() {
		return conf;
	}

	private void writeObject(ObjectOutputStream out) throws IOException {
		out.defaultWriteObject();
		conf.write(out);
	}

	private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
		in.defaultReadObject();
		conf = new Configuration(false);
		conf.readFields(in);
	}
}
