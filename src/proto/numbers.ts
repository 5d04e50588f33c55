// Makes protobufjs decode 64-bit integers as plain JS numbers instead of Long
// objects. Must be evaluated before any generated module (see index.ts):
// generated code picks its defaults at load time. Ids are kept below 2^53
// (DESIGN.md §7); larger wire values are rejected by validation.
import $protobuf from 'protobufjs/minimal.js';

$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
