/**
 * Operations tooling: replays token events from {@code podium.token-events} for one athlete (or all) without
 * touching any consumer group, to the console or to a replay topic. Entry points: {@link
 * com.podium.connect.ops.TokenEventReplayer} (the service), the {@code replay} command of the application jar and
 * {@code POST /ops/replay} (role OPS: a signed-in operator, or a machine with the bearer token {@code PODIUM_OPS_TOKEN}).
 */
package com.podium.connect.ops;
