/** Shard 1 of the suite (see `load.ts`). @module */
import { loadShard } from "./load.ts";

await loadShard(1);
