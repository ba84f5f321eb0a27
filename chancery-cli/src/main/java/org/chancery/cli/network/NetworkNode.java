package org.chancery.cli.network;

import java.net.URI;
import java.nio.file.Path;

/**
 * One node of a network directory as {@code network up}, {@code status} and {@code down} see it.
 *
 * <pre>{@code
 * NetworkNode node = NetworkDirectory.open(Path.of("/tmp/net")).nodes().get(0);
 * URI health = node.api().resolve("/health");
 * }</pre>
 *
 * @param name the node's name, unique in the network
 * @param organisation the organisation that runs it
 * @param config its {@code node.yaml}, absolute and normalised: the path that is passed to {@code
 *     node start --config} and looked for in a running process's command line
 * @param api where its REST API answers, for example {@code http://127.0.0.1:7200}
 * @param log where {@code network up} sends its stdout and stderr
 * @param pidFile where {@code network up} records its process id
 */
public record NetworkNode(
    String name, String organisation, Path config, URI api, Path log, Path pidFile) {}
