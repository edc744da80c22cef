/** Shard 6 of the suite (see `load.ts`). @module */
import { loadShard } from "./load.ts";

await loadShard(6);
