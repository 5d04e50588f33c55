/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $String = $util.global.String, $BigInt = $util.global.BigInt, $Array = $util.global.Array;

// Exported root namespace
const $root = $protobuf.roots["internal"] || ($protobuf.roots["internal"] = {});

export const gochat = $root.gochat = (() => {

    /**
     * Namespace gochat.
     * @exports gochat
     * @namespace
     */
    const gochat = {};

    gochat.internal = (function() {

        /**
         * Namespace internal.
         * @memberof gochat
         * @namespace
         */
        const internal = {};

        internal.StoredMessage = (function() {

            /**
             * Properties of a StoredMessage.
             * @typedef {Object} gochat.internal.StoredMessage.$Properties
             * @property {number|null} [msgId] StoredMessage msgId
             * @property {number|null} [senderId] StoredMessage senderId
             * @property {string|null} [deviceId] StoredMessage deviceId
             * @property {number|null} [clientId] StoredMessage clientId
             * @property {number|null} [sessionType] StoredMessage sessionType
             * @property {number|null} [receiverId] StoredMessage receiverId
             * @property {number|null} [messageType] StoredMessage messageType
             * @property {Uint8Array|null} [content] StoredMessage content
             * @property {number|null} [sendTime] StoredMessage sendTime
             * @property {number|null} [senderSeq] StoredMessage senderSeq
             * @property {number|null} [fence] StoredMessage fence
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StoredMessage.
             * @memberof gochat.internal
             * @interface IStoredMessage
             * @augments gochat.internal.StoredMessage.$Properties
             * @deprecated Use gochat.internal.StoredMessage.$Properties instead.
             */

            /**
             * Shape of a StoredMessage.
             * @typedef {gochat.internal.StoredMessage.$Properties} gochat.internal.StoredMessage.$Shape
             */

            /**
             * Constructs a new StoredMessage.
             * @memberof gochat.internal
             * @classdesc Represents a StoredMessage.
             * @constructor
             * @param {gochat.internal.StoredMessage.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StoredMessage = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * StoredMessage msgId.
             * @member {number} msgId
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.msgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StoredMessage senderId.
             * @member {number} senderId
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.senderId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StoredMessage deviceId.
             * @member {string} deviceId
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.deviceId = "";

            /**
             * StoredMessage clientId.
             * @member {number} clientId
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.clientId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StoredMessage sessionType.
             * @member {number} sessionType
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.sessionType = 0;

            /**
             * StoredMessage receiverId.
             * @member {number} receiverId
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.receiverId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StoredMessage messageType.
             * @member {number} messageType
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.messageType = 0;

            /**
             * StoredMessage content.
             * @member {Uint8Array} content
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.content = $util.newBuffer([]);

            /**
             * StoredMessage sendTime.
             * @member {number} sendTime
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.sendTime = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * StoredMessage senderSeq.
             * @member {number} senderSeq
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.senderSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StoredMessage fence.
             * @member {number} fence
             * @memberof gochat.internal.StoredMessage
             * @instance
             */
            StoredMessage.prototype.fence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new StoredMessage instance using the specified properties.
             * @function create
             * @memberof gochat.internal.StoredMessage
             * @static
             * @param {gochat.internal.StoredMessage.$Properties=} [properties] Properties to set
             * @returns {gochat.internal.StoredMessage} StoredMessage instance
             * @type {{
             *   (properties: gochat.internal.StoredMessage.$Shape): gochat.internal.StoredMessage & gochat.internal.StoredMessage.$Shape;
             *   (properties?: gochat.internal.StoredMessage.$Properties): gochat.internal.StoredMessage;
             * }}
             */
            StoredMessage.create = function(properties) {
                return new StoredMessage(properties);
            };

            /**
             * Encodes the specified StoredMessage message. Does not implicitly {@link gochat.internal.StoredMessage.verify|verify} messages.
             * @function encode
             * @memberof gochat.internal.StoredMessage
             * @static
             * @param {gochat.internal.StoredMessage.$Properties} message StoredMessage message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StoredMessage.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.msgId != null && $Object.hasOwnProperty.call(message, "msgId") && (typeof message.msgId === "object" ? message.msgId.low || message.msgId.high : message.msgId !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.msgId);
                if (message.senderId != null && $Object.hasOwnProperty.call(message, "senderId") && (typeof message.senderId === "object" ? message.senderId.low || message.senderId.high : message.senderId !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.senderId);
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.deviceId);
                if (message.clientId != null && $Object.hasOwnProperty.call(message, "clientId") && (typeof message.clientId === "object" ? message.clientId.low || message.clientId.high : message.clientId !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.clientId);
                if (message.sessionType != null && $Object.hasOwnProperty.call(message, "sessionType") && message.sessionType !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.sessionType);
                if (message.receiverId != null && $Object.hasOwnProperty.call(message, "receiverId") && (typeof message.receiverId === "object" ? message.receiverId.low || message.receiverId.high : message.receiverId !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.receiverId);
                if (message.messageType != null && $Object.hasOwnProperty.call(message, "messageType") && message.messageType !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.messageType);
                if (message.content != null && $Object.hasOwnProperty.call(message, "content") && message.content.length)
                    writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.content);
                if (message.sendTime != null && $Object.hasOwnProperty.call(message, "sendTime") && (typeof message.sendTime === "object" ? message.sendTime.low || message.sendTime.high : message.sendTime !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).int64(message.sendTime);
                if (message.senderSeq != null && $Object.hasOwnProperty.call(message, "senderSeq") && (typeof message.senderSeq === "object" ? message.senderSeq.low || message.senderSeq.high : message.senderSeq !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.senderSeq);
                if (message.fence != null && $Object.hasOwnProperty.call(message, "fence") && (typeof message.fence === "object" ? message.fence.low || message.fence.high : message.fence !== 0))
                    writer.uint32(/* id 11, wireType 0 =*/88).uint64(message.fence);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a StoredMessage message from the specified reader or buffer.
             * @function decode
             * @memberof gochat.internal.StoredMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gochat.internal.StoredMessage & gochat.internal.StoredMessage.$Shape} StoredMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StoredMessage.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gochat.internal.StoredMessage();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.msgId = value;
                            else
                                delete message.msgId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.senderId = value;
                            else
                                delete message.senderId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.clientId = value;
                            else
                                delete message.clientId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.sessionType = value;
                            else
                                delete message.sessionType;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.receiverId = value;
                            else
                                delete message.receiverId;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.messageType = value;
                            else
                                delete message.messageType;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.content = value;
                            else
                                delete message.content;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.sendTime = value;
                            else
                                delete message.sendTime;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.senderSeq = value;
                            else
                                delete message.senderSeq;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.fence = value;
                            else
                                delete message.fence;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a StoredMessage message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gochat.internal.StoredMessage
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gochat.internal.StoredMessage} StoredMessage
             */
            StoredMessage.fromObject = function (object, _depth) {
                if (object instanceof $root.gochat.internal.StoredMessage)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gochat.internal.StoredMessage: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gochat.internal.StoredMessage();
                if (object.msgId != null)
                    if (typeof object.msgId === "object" ? object.msgId.low || object.msgId.high : $Number(object.msgId) !== 0)
                        if ($util.Long)
                            message.msgId = $util.Long.fromValue(object.msgId, true);
                        else if (typeof object.msgId === "string")
                            message.msgId = $parseInt(object.msgId, 10);
                        else if (typeof object.msgId === "number")
                            message.msgId = object.msgId;
                        else if (typeof object.msgId === "object")
                            message.msgId = new $util.LongBits(object.msgId.low >>> 0, object.msgId.high >>> 0).toNumber(true);
                if (object.senderId != null)
                    if (typeof object.senderId === "object" ? object.senderId.low || object.senderId.high : $Number(object.senderId) !== 0)
                        if ($util.Long)
                            message.senderId = $util.Long.fromValue(object.senderId, true);
                        else if (typeof object.senderId === "string")
                            message.senderId = $parseInt(object.senderId, 10);
                        else if (typeof object.senderId === "number")
                            message.senderId = object.senderId;
                        else if (typeof object.senderId === "object")
                            message.senderId = new $util.LongBits(object.senderId.low >>> 0, object.senderId.high >>> 0).toNumber(true);
                if (object.deviceId != null)
                    if (typeof object.deviceId !== "string" || object.deviceId.length)
                        message.deviceId = $String(object.deviceId);
                if (object.clientId != null)
                    if (typeof object.clientId === "object" ? object.clientId.low || object.clientId.high : $Number(object.clientId) !== 0)
                        if ($util.Long)
                            message.clientId = $util.Long.fromValue(object.clientId, true);
                        else if (typeof object.clientId === "string")
                            message.clientId = $parseInt(object.clientId, 10);
                        else if (typeof object.clientId === "number")
                            message.clientId = object.clientId;
                        else if (typeof object.clientId === "object")
                            message.clientId = new $util.LongBits(object.clientId.low >>> 0, object.clientId.high >>> 0).toNumber(true);
                if (object.sessionType != null)
                    if ($Number(object.sessionType) !== 0)
                        message.sessionType = object.sessionType >>> 0;
                if (object.receiverId != null)
                    if (typeof object.receiverId === "object" ? object.receiverId.low || object.receiverId.high : $Number(object.receiverId) !== 0)
                        if ($util.Long)
                            message.receiverId = $util.Long.fromValue(object.receiverId, true);
                        else if (typeof object.receiverId === "string")
                            message.receiverId = $parseInt(object.receiverId, 10);
                        else if (typeof object.receiverId === "number")
                            message.receiverId = object.receiverId;
                        else if (typeof object.receiverId === "object")
                            message.receiverId = new $util.LongBits(object.receiverId.low >>> 0, object.receiverId.high >>> 0).toNumber(true);
                if (object.messageType != null)
                    if ($Number(object.messageType) !== 0)
                        message.messageType = object.messageType >>> 0;
                if (object.content != null)
                    if (object.content.length)
                        if (typeof object.content === "string")
                            $util.base64.decode(object.content, message.content = $util.newBuffer($util.base64.length(object.content)), 0);
                        else if (object.content.length >= 0)
                            message.content = object.content;
                if (object.sendTime != null)
                    if (typeof object.sendTime === "object" ? object.sendTime.low || object.sendTime.high : $Number(object.sendTime) !== 0)
                        if ($util.Long)
                            message.sendTime = $util.Long.fromValue(object.sendTime, false);
                        else if (typeof object.sendTime === "string")
                            message.sendTime = $parseInt(object.sendTime, 10);
                        else if (typeof object.sendTime === "number")
                            message.sendTime = object.sendTime;
                        else if (typeof object.sendTime === "object")
                            message.sendTime = new $util.LongBits(object.sendTime.low >>> 0, object.sendTime.high >>> 0).toNumber();
                if (object.senderSeq != null)
                    if (typeof object.senderSeq === "object" ? object.senderSeq.low || object.senderSeq.high : $Number(object.senderSeq) !== 0)
                        if ($util.Long)
                            message.senderSeq = $util.Long.fromValue(object.senderSeq, true);
                        else if (typeof object.senderSeq === "string")
                            message.senderSeq = $parseInt(object.senderSeq, 10);
                        else if (typeof object.senderSeq === "number")
                            message.senderSeq = object.senderSeq;
                        else if (typeof object.senderSeq === "object")
                            message.senderSeq = new $util.LongBits(object.senderSeq.low >>> 0, object.senderSeq.high >>> 0).toNumber(true);
                if (object.fence != null)
                    if (typeof object.fence === "object" ? object.fence.low || object.fence.high : $Number(object.fence) !== 0)
                        if ($util.Long)
                            message.fence = $util.Long.fromValue(object.fence, true);
                        else if (typeof object.fence === "string")
                            message.fence = $parseInt(object.fence, 10);
                        else if (typeof object.fence === "number")
                            message.fence = object.fence;
                        else if (typeof object.fence === "object")
                            message.fence = new $util.LongBits(object.fence.low >>> 0, object.fence.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a StoredMessage message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gochat.internal.StoredMessage
             * @static
             * @param {gochat.internal.StoredMessage} message StoredMessage
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StoredMessage.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.msgId = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.msgId = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.senderId = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.senderId = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.deviceId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.clientId = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.clientId = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.sessionType = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.receiverId = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.receiverId = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.messageType = 0;
                    if (options.bytes === $String)
                        object.content = "";
                    else {
                        object.content = [];
                        if (options.bytes !== $Array)
                            object.content = $util.newBuffer(object.content);
                    }
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.sendTime = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.sendTime = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.senderSeq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.senderSeq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.fence = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.fence = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.msgId != null && $Object.hasOwnProperty.call(message, "msgId"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.msgId = typeof message.msgId === "number" ? $BigInt(message.msgId) : $util.Long.fromBits(message.msgId.low >>> 0, message.msgId.high >>> 0, true).toBigInt();
                    else if (typeof message.msgId === "number")
                        object.msgId = options.longs === $String ? $String(message.msgId) : message.msgId;
                    else
                        object.msgId = options.longs === $String ? $util.Long.prototype.toString.call(message.msgId) : options.longs === $Number ? new $util.LongBits(message.msgId.low >>> 0, message.msgId.high >>> 0).toNumber(true) : message.msgId;
                if (message.senderId != null && $Object.hasOwnProperty.call(message, "senderId"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.senderId = typeof message.senderId === "number" ? $BigInt(message.senderId) : $util.Long.fromBits(message.senderId.low >>> 0, message.senderId.high >>> 0, true).toBigInt();
                    else if (typeof message.senderId === "number")
                        object.senderId = options.longs === $String ? $String(message.senderId) : message.senderId;
                    else
                        object.senderId = options.longs === $String ? $util.Long.prototype.toString.call(message.senderId) : options.longs === $Number ? new $util.LongBits(message.senderId.low >>> 0, message.senderId.high >>> 0).toNumber(true) : message.senderId;
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    object.deviceId = message.deviceId;
                if (message.clientId != null && $Object.hasOwnProperty.call(message, "clientId"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.clientId = typeof message.clientId === "number" ? $BigInt(message.clientId) : $util.Long.fromBits(message.clientId.low >>> 0, message.clientId.high >>> 0, true).toBigInt();
                    else if (typeof message.clientId === "number")
                        object.clientId = options.longs === $String ? $String(message.clientId) : message.clientId;
                    else
                        object.clientId = options.longs === $String ? $util.Long.prototype.toString.call(message.clientId) : options.longs === $Number ? new $util.LongBits(message.clientId.low >>> 0, message.clientId.high >>> 0).toNumber(true) : message.clientId;
                if (message.sessionType != null && $Object.hasOwnProperty.call(message, "sessionType"))
                    object.sessionType = message.sessionType;
                if (message.receiverId != null && $Object.hasOwnProperty.call(message, "receiverId"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.receiverId = typeof message.receiverId === "number" ? $BigInt(message.receiverId) : $util.Long.fromBits(message.receiverId.low >>> 0, message.receiverId.high >>> 0, true).toBigInt();
                    else if (typeof message.receiverId === "number")
                        object.receiverId = options.longs === $String ? $String(message.receiverId) : message.receiverId;
                    else
                        object.receiverId = options.longs === $String ? $util.Long.prototype.toString.call(message.receiverId) : options.longs === $Number ? new $util.LongBits(message.receiverId.low >>> 0, message.receiverId.high >>> 0).toNumber(true) : message.receiverId;
                if (message.messageType != null && $Object.hasOwnProperty.call(message, "messageType"))
                    object.messageType = message.messageType;
                if (message.content != null && $Object.hasOwnProperty.call(message, "content"))
                    object.content = options.bytes === $String ? $util.base64.encode(message.content, 0, message.content.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.content) : message.content;
                if (message.sendTime != null && $Object.hasOwnProperty.call(message, "sendTime"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.sendTime = typeof message.sendTime === "number" ? $BigInt(message.sendTime) : $util.Long.fromBits(message.sendTime.low >>> 0, message.sendTime.high >>> 0, false).toBigInt();
                    else if (typeof message.sendTime === "number")
                        object.sendTime = options.longs === $String ? $String(message.sendTime) : message.sendTime;
                    else
                        object.sendTime = options.longs === $String ? $util.Long.prototype.toString.call(message.sendTime) : options.longs === $Number ? new $util.LongBits(message.sendTime.low >>> 0, message.sendTime.high >>> 0).toNumber() : message.sendTime;
                if (message.senderSeq != null && $Object.hasOwnProperty.call(message, "senderSeq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.senderSeq = typeof message.senderSeq === "number" ? $BigInt(message.senderSeq) : $util.Long.fromBits(message.senderSeq.low >>> 0, message.senderSeq.high >>> 0, true).toBigInt();
                    else if (typeof message.senderSeq === "number")
                        object.senderSeq = options.longs === $String ? $String(message.senderSeq) : message.senderSeq;
                    else
                        object.senderSeq = options.longs === $String ? $util.Long.prototype.toString.call(message.senderSeq) : options.longs === $Number ? new $util.LongBits(message.senderSeq.low >>> 0, message.senderSeq.high >>> 0).toNumber(true) : message.senderSeq;
                if (message.fence != null && $Object.hasOwnProperty.call(message, "fence"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.fence = typeof message.fence === "number" ? $BigInt(message.fence) : $util.Long.fromBits(message.fence.low >>> 0, message.fence.high >>> 0, true).toBigInt();
                    else if (typeof message.fence === "number")
                        object.fence = options.longs === $String ? $String(message.fence) : message.fence;
                    else
                        object.fence = options.longs === $String ? $util.Long.prototype.toString.call(message.fence) : options.longs === $Number ? new $util.LongBits(message.fence.low >>> 0, message.fence.high >>> 0).toNumber(true) : message.fence;
                return object;
            };

            /**
             * Converts this StoredMessage to JSON.
             * @function toJSON
             * @memberof gochat.internal.StoredMessage
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StoredMessage.prototype.toJSON = function() {
                return StoredMessage.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StoredMessage
             * @function getTypeUrl
             * @memberof gochat.internal.StoredMessage
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StoredMessage.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/gochat.internal.StoredMessage";
            };

            return StoredMessage;
        })();

        internal.StoredRejection = (function() {

            /**
             * Properties of a StoredRejection.
             * @typedef {Object} gochat.internal.StoredRejection.$Properties
             * @property {number|null} [senderId] StoredRejection senderId
             * @property {string|null} [deviceId] StoredRejection deviceId
             * @property {number|null} [clientId] StoredRejection clientId
             * @property {number|null} [code] StoredRejection code
             * @property {string|null} [msg] StoredRejection msg
             * @property {number|null} [fence] StoredRejection fence
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StoredRejection.
             * @memberof gochat.internal
             * @interface IStoredRejection
             * @augments gochat.internal.StoredRejection.$Properties
             * @deprecated Use gochat.internal.StoredRejection.$Properties instead.
             */

            /**
             * Shape of a StoredRejection.
             * @typedef {gochat.internal.StoredRejection.$Properties} gochat.internal.StoredRejection.$Shape
             */

            /**
             * Constructs a new StoredRejection.
             * @memberof gochat.internal
             * @classdesc Represents a StoredRejection.
             * @constructor
             * @param {gochat.internal.StoredRejection.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StoredRejection = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * StoredRejection senderId.
             * @member {number} senderId
             * @memberof gochat.internal.StoredRejection
             * @instance
             */
            StoredRejection.prototype.senderId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StoredRejection deviceId.
             * @member {string} deviceId
             * @memberof gochat.internal.StoredRejection
             * @instance
             */
            StoredRejection.prototype.deviceId = "";

            /**
             * StoredRejection clientId.
             * @member {number} clientId
             * @memberof gochat.internal.StoredRejection
             * @instance
             */
            StoredRejection.prototype.clientId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StoredRejection code.
             * @member {number} code
             * @memberof gochat.internal.StoredRejection
             * @instance
             */
            StoredRejection.prototype.code = 0;

            /**
             * StoredRejection msg.
             * @member {string} msg
             * @memberof gochat.internal.StoredRejection
             * @instance
             */
            StoredRejection.prototype.msg = "";

            /**
             * StoredRejection fence.
             * @member {number} fence
             * @memberof gochat.internal.StoredRejection
             * @instance
             */
            StoredRejection.prototype.fence = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new StoredRejection instance using the specified properties.
             * @function create
             * @memberof gochat.internal.StoredRejection
             * @static
             * @param {gochat.internal.StoredRejection.$Properties=} [properties] Properties to set
             * @returns {gochat.internal.StoredRejection} StoredRejection instance
             * @type {{
             *   (properties: gochat.internal.StoredRejection.$Shape): gochat.internal.StoredRejection & gochat.internal.StoredRejection.$Shape;
             *   (properties?: gochat.internal.StoredRejection.$Properties): gochat.internal.StoredRejection;
             * }}
             */
            StoredRejection.create = function(properties) {
                return new StoredRejection(properties);
            };

            /**
             * Encodes the specified StoredRejection message. Does not implicitly {@link gochat.internal.StoredRejection.verify|verify} messages.
             * @function encode
             * @memberof gochat.internal.StoredRejection
             * @static
             * @param {gochat.internal.StoredRejection.$Properties} message StoredRejection message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StoredRejection.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.senderId != null && $Object.hasOwnProperty.call(message, "senderId") && (typeof message.senderId === "object" ? message.senderId.low || message.senderId.high : message.senderId !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.senderId);
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.deviceId);
                if (message.clientId != null && $Object.hasOwnProperty.call(message, "clientId") && (typeof message.clientId === "object" ? message.clientId.low || message.clientId.high : message.clientId !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.clientId);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.code);
                if (message.msg != null && $Object.hasOwnProperty.call(message, "msg") && message.msg !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.msg);
                if (message.fence != null && $Object.hasOwnProperty.call(message, "fence") && (typeof message.fence === "object" ? message.fence.low || message.fence.high : message.fence !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.fence);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a StoredRejection message from the specified reader or buffer.
             * @function decode
             * @memberof gochat.internal.StoredRejection
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gochat.internal.StoredRejection & gochat.internal.StoredRejection.$Shape} StoredRejection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StoredRejection.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gochat.internal.StoredRejection();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.senderId = value;
                            else
                                delete message.senderId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.clientId = value;
                            else
                                delete message.clientId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.msg = value;
                            else
                                delete message.msg;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.fence = value;
                            else
                                delete message.fence;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a StoredRejection message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gochat.internal.StoredRejection
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gochat.internal.StoredRejection} StoredRejection
             */
            StoredRejection.fromObject = function (object, _depth) {
                if (object instanceof $root.gochat.internal.StoredRejection)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gochat.internal.StoredRejection: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gochat.internal.StoredRejection();
                if (object.senderId != null)
                    if (typeof object.senderId === "object" ? object.senderId.low || object.senderId.high : $Number(object.senderId) !== 0)
                        if ($util.Long)
                            message.senderId = $util.Long.fromValue(object.senderId, true);
                        else if (typeof object.senderId === "string")
                            message.senderId = $parseInt(object.senderId, 10);
                        else if (typeof object.senderId === "number")
                            message.senderId = object.senderId;
                        else if (typeof object.senderId === "object")
                            message.senderId = new $util.LongBits(object.senderId.low >>> 0, object.senderId.high >>> 0).toNumber(true);
                if (object.deviceId != null)
                    if (typeof object.deviceId !== "string" || object.deviceId.length)
                        message.deviceId = $String(object.deviceId);
                if (object.clientId != null)
                    if (typeof object.clientId === "object" ? object.clientId.low || object.clientId.high : $Number(object.clientId) !== 0)
                        if ($util.Long)
                            message.clientId = $util.Long.fromValue(object.clientId, true);
                        else if (typeof object.clientId === "string")
                            message.clientId = $parseInt(object.clientId, 10);
                        else if (typeof object.clientId === "number")
                            message.clientId = object.clientId;
                        else if (typeof object.clientId === "object")
                            message.clientId = new $util.LongBits(object.clientId.low >>> 0, object.clientId.high >>> 0).toNumber(true);
                if (object.code != null)
                    if ($Number(object.code) !== 0)
                        message.code = object.code >>> 0;
                if (object.msg != null)
                    if (typeof object.msg !== "string" || object.msg.length)
                        message.msg = $String(object.msg);
                if (object.fence != null)
                    if (typeof object.fence === "object" ? object.fence.low || object.fence.high : $Number(object.fence) !== 0)
                        if ($util.Long)
                            message.fence = $util.Long.fromValue(object.fence, true);
                        else if (typeof object.fence === "string")
                            message.fence = $parseInt(object.fence, 10);
                        else if (typeof object.fence === "number")
                            message.fence = object.fence;
                        else if (typeof object.fence === "object")
                            message.fence = new $util.LongBits(object.fence.low >>> 0, object.fence.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a StoredRejection message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gochat.internal.StoredRejection
             * @static
             * @param {gochat.internal.StoredRejection} message StoredRejection
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StoredRejection.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.senderId = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.senderId = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.deviceId = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.clientId = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.clientId = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.code = 0;
                    object.msg = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.fence = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.fence = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.senderId != null && $Object.hasOwnProperty.call(message, "senderId"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.senderId = typeof message.senderId === "number" ? $BigInt(message.senderId) : $util.Long.fromBits(message.senderId.low >>> 0, message.senderId.high >>> 0, true).toBigInt();
                    else if (typeof message.senderId === "number")
                        object.senderId = options.longs === $String ? $String(message.senderId) : message.senderId;
                    else
                        object.senderId = options.longs === $String ? $util.Long.prototype.toString.call(message.senderId) : options.longs === $Number ? new $util.LongBits(message.senderId.low >>> 0, message.senderId.high >>> 0).toNumber(true) : message.senderId;
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                    object.deviceId = message.deviceId;
                if (message.clientId != null && $Object.hasOwnProperty.call(message, "clientId"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.clientId = typeof message.clientId === "number" ? $BigInt(message.clientId) : $util.Long.fromBits(message.clientId.low >>> 0, message.clientId.high >>> 0, true).toBigInt();
                    else if (typeof message.clientId === "number")
                        object.clientId = options.longs === $String ? $String(message.clientId) : message.clientId;
                    else
                        object.clientId = options.longs === $String ? $util.Long.prototype.toString.call(message.clientId) : options.longs === $Number ? new $util.LongBits(message.clientId.low >>> 0, message.clientId.high >>> 0).toNumber(true) : message.clientId;
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    object.code = message.code;
                if (message.msg != null && $Object.hasOwnProperty.call(message, "msg"))
                    object.msg = message.msg;
                if (message.fence != null && $Object.hasOwnProperty.call(message, "fence"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.fence = typeof message.fence === "number" ? $BigInt(message.fence) : $util.Long.fromBits(message.fence.low >>> 0, message.fence.high >>> 0, true).toBigInt();
                    else if (typeof message.fence === "number")
                        object.fence = options.longs === $String ? $String(message.fence) : message.fence;
                    else
                        object.fence = options.longs === $String ? $util.Long.prototype.toString.call(message.fence) : options.longs === $Number ? new $util.LongBits(message.fence.low >>> 0, message.fence.high >>> 0).toNumber(true) : message.fence;
                return object;
            };

            /**
             * Converts this StoredRejection to JSON.
             * @function toJSON
             * @memberof gochat.internal.StoredRejection
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StoredRejection.prototype.toJSON = function() {
                return StoredRejection.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StoredRejection
             * @function getTypeUrl
             * @memberof gochat.internal.StoredRejection
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StoredRejection.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/gochat.internal.StoredRejection";
            };

            return StoredRejection;
        })();

        internal.PersistBatch = (function() {

            /**
             * Properties of a PersistBatch.
             * @typedef {Object} gochat.internal.PersistBatch.$Properties
             * @property {Array.<gochat.internal.StoredMessage.$Properties>|null} [messages] PersistBatch messages
             * @property {Array.<gochat.internal.StoredRejection.$Properties>|null} [rejections] PersistBatch rejections
             * @property {Array.<number>|null} [userIds] PersistBatch userIds
             * @property {Array.<number>|null} [seqs] PersistBatch seqs
             * @property {Array.<number>|null} [msgIds] PersistBatch msgIds
             * @property {Uint8Array|null} [userIdsF64] PersistBatch userIdsF64
             * @property {Uint8Array|null} [seqsF64] PersistBatch seqsF64
             * @property {Uint8Array|null} [msgIdsF64] PersistBatch msgIdsF64
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PersistBatch.
             * @memberof gochat.internal
             * @interface IPersistBatch
             * @augments gochat.internal.PersistBatch.$Properties
             * @deprecated Use gochat.internal.PersistBatch.$Properties instead.
             */

            /**
             * Shape of a PersistBatch.
             * @typedef {gochat.internal.PersistBatch.$Properties} gochat.internal.PersistBatch.$Shape
             */

            /**
             * Constructs a new PersistBatch.
             * @memberof gochat.internal
             * @classdesc Represents a PersistBatch.
             * @constructor
             * @param {gochat.internal.PersistBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PersistBatch = function (properties) {
                this.messages = [];
                this.rejections = [];
                this.userIds = [];
                this.seqs = [];
                this.msgIds = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PersistBatch messages.
             * @member {Array.<gochat.internal.StoredMessage.$Properties>} messages
             * @memberof gochat.internal.PersistBatch
             * @instance
             */
            PersistBatch.prototype.messages = $util.emptyArray;

            /**
             * PersistBatch rejections.
             * @member {Array.<gochat.internal.StoredRejection.$Properties>} rejections
             * @memberof gochat.internal.PersistBatch
             * @instance
             */
            PersistBatch.prototype.rejections = $util.emptyArray;

            /**
             * PersistBatch userIds.
             * @member {Array.<number>} userIds
             * @memberof gochat.internal.PersistBatch
             * @instance
             */
            PersistBatch.prototype.userIds = $util.emptyArray;

            /**
             * PersistBatch seqs.
             * @member {Array.<number>} seqs
             * @memberof gochat.internal.PersistBatch
             * @instance
             */
            PersistBatch.prototype.seqs = $util.emptyArray;

            /**
             * PersistBatch msgIds.
             * @member {Array.<number>} msgIds
             * @memberof gochat.internal.PersistBatch
             * @instance
             */
            PersistBatch.prototype.msgIds = $util.emptyArray;

            /**
             * PersistBatch userIdsF64.
             * @member {Uint8Array} userIdsF64
             * @memberof gochat.internal.PersistBatch
             * @instance
             */
            PersistBatch.prototype.userIdsF64 = $util.newBuffer([]);

            /**
             * PersistBatch seqsF64.
             * @member {Uint8Array} seqsF64
             * @memberof gochat.internal.PersistBatch
             * @instance
             */
            PersistBatch.prototype.seqsF64 = $util.newBuffer([]);

            /**
             * PersistBatch msgIdsF64.
             * @member {Uint8Array} msgIdsF64
             * @memberof gochat.internal.PersistBatch
             * @instance
             */
            PersistBatch.prototype.msgIdsF64 = $util.newBuffer([]);

            /**
             * Creates a new PersistBatch instance using the specified properties.
             * @function create
             * @memberof gochat.internal.PersistBatch
             * @static
             * @param {gochat.internal.PersistBatch.$Properties=} [properties] Properties to set
             * @returns {gochat.internal.PersistBatch} PersistBatch instance
             * @type {{
             *   (properties: gochat.internal.PersistBatch.$Shape): gochat.internal.PersistBatch & gochat.internal.PersistBatch.$Shape;
             *   (properties?: gochat.internal.PersistBatch.$Properties): gochat.internal.PersistBatch;
             * }}
             */
            PersistBatch.create = function(properties) {
                return new PersistBatch(properties);
            };

            /**
             * Encodes the specified PersistBatch message. Does not implicitly {@link gochat.internal.PersistBatch.verify|verify} messages.
             * @function encode
             * @memberof gochat.internal.PersistBatch
             * @static
             * @param {gochat.internal.PersistBatch.$Properties} message PersistBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PersistBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.messages != null && message.messages.length)
                    for (let i = 0; i < message.messages.length; ++i)
                        $root.gochat.internal.StoredMessage.encode(message.messages[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.userIds != null && message.userIds.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).uint64s(message.userIds);
                if (message.seqs != null && message.seqs.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).uint64s(message.seqs);
                if (message.msgIds != null && message.msgIds.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).uint64s(message.msgIds);
                if (message.userIdsF64 != null && $Object.hasOwnProperty.call(message, "userIdsF64") && message.userIdsF64.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.userIdsF64);
                if (message.seqsF64 != null && $Object.hasOwnProperty.call(message, "seqsF64") && message.seqsF64.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.seqsF64);
                if (message.msgIdsF64 != null && $Object.hasOwnProperty.call(message, "msgIdsF64") && message.msgIdsF64.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.msgIdsF64);
                if (message.rejections != null && message.rejections.length)
                    for (let i = 0; i < message.rejections.length; ++i)
                        $root.gochat.internal.StoredRejection.encode(message.rejections[i], writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PersistBatch message from the specified reader or buffer.
             * @function decode
             * @memberof gochat.internal.PersistBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gochat.internal.PersistBatch & gochat.internal.PersistBatch.$Shape} PersistBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PersistBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gochat.internal.PersistBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.messages && message.messages.length))
                                message.messages = [];
                            message.messages.push($root.gochat.internal.StoredMessage.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if (!(message.rejections && message.rejections.length))
                                message.rejections = [];
                            message.rejections.push($root.gochat.internal.StoredRejection.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType === 2) {
                                if (!(message.userIds && message.userIds.length))
                                    message.userIds = [];
                                reader.uint64s(message.userIds);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.userIds && message.userIds.length))
                                message.userIds = [];
                            message.userIds.push(reader.uint64());
                            continue;
                        }
                    case 3: {
                            if (wireType === 2) {
                                if (!(message.seqs && message.seqs.length))
                                    message.seqs = [];
                                reader.uint64s(message.seqs);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.seqs && message.seqs.length))
                                message.seqs = [];
                            message.seqs.push(reader.uint64());
                            continue;
                        }
                    case 4: {
                            if (wireType === 2) {
                                if (!(message.msgIds && message.msgIds.length))
                                    message.msgIds = [];
                                reader.uint64s(message.msgIds);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.msgIds && message.msgIds.length))
                                message.msgIds = [];
                            message.msgIds.push(reader.uint64());
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.userIdsF64 = value;
                            else
                                delete message.userIdsF64;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.seqsF64 = value;
                            else
                                delete message.seqsF64;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.msgIdsF64 = value;
                            else
                                delete message.msgIdsF64;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a PersistBatch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gochat.internal.PersistBatch
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gochat.internal.PersistBatch} PersistBatch
             */
            PersistBatch.fromObject = function (object, _depth) {
                if (object instanceof $root.gochat.internal.PersistBatch)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gochat.internal.PersistBatch: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gochat.internal.PersistBatch();
                if (object.messages) {
                    if (!$Array.isArray(object.messages))
                        throw $TypeError(".gochat.internal.PersistBatch.messages: array expected");
                    message.messages = $Array(object.messages.length);
                    for (let i = 0; i < object.messages.length; ++i) {
                        if (!$util.isObject(object.messages[i]))
                            throw $TypeError(".gochat.internal.PersistBatch.messages: object expected");
                        message.messages[i] = $root.gochat.internal.StoredMessage.fromObject(object.messages[i], _depth + 1);
                    }
                }
                if (object.rejections) {
                    if (!$Array.isArray(object.rejections))
                        throw $TypeError(".gochat.internal.PersistBatch.rejections: array expected");
                    message.rejections = $Array(object.rejections.length);
                    for (let i = 0; i < object.rejections.length; ++i) {
                        if (!$util.isObject(object.rejections[i]))
                            throw $TypeError(".gochat.internal.PersistBatch.rejections: object expected");
                        message.rejections[i] = $root.gochat.internal.StoredRejection.fromObject(object.rejections[i], _depth + 1);
                    }
                }
                if (object.userIds) {
                    if (!$Array.isArray(object.userIds))
                        throw $TypeError(".gochat.internal.PersistBatch.userIds: array expected");
                    message.userIds = $Array(object.userIds.length);
                    for (let i = 0; i < object.userIds.length; ++i)
                        if ($util.Long)
                            message.userIds[i] = $util.Long.fromValue(object.userIds[i], true);
                        else if (typeof object.userIds[i] === "string")
                            message.userIds[i] = $parseInt(object.userIds[i], 10);
                        else if (typeof object.userIds[i] === "number")
                            message.userIds[i] = object.userIds[i];
                        else if (typeof object.userIds[i] === "object")
                            message.userIds[i] = new $util.LongBits(object.userIds[i].low >>> 0, object.userIds[i].high >>> 0).toNumber(true);
                }
                if (object.seqs) {
                    if (!$Array.isArray(object.seqs))
                        throw $TypeError(".gochat.internal.PersistBatch.seqs: array expected");
                    message.seqs = $Array(object.seqs.length);
                    for (let i = 0; i < object.seqs.length; ++i)
                        if ($util.Long)
                            message.seqs[i] = $util.Long.fromValue(object.seqs[i], true);
                        else if (typeof object.seqs[i] === "string")
                            message.seqs[i] = $parseInt(object.seqs[i], 10);
                        else if (typeof object.seqs[i] === "number")
                            message.seqs[i] = object.seqs[i];
                        else if (typeof object.seqs[i] === "object")
                            message.seqs[i] = new $util.LongBits(object.seqs[i].low >>> 0, object.seqs[i].high >>> 0).toNumber(true);
                }
                if (object.msgIds) {
                    if (!$Array.isArray(object.msgIds))
                        throw $TypeError(".gochat.internal.PersistBatch.msgIds: array expected");
                    message.msgIds = $Array(object.msgIds.length);
                    for (let i = 0; i < object.msgIds.length; ++i)
                        if ($util.Long)
                            message.msgIds[i] = $util.Long.fromValue(object.msgIds[i], true);
                        else if (typeof object.msgIds[i] === "string")
                            message.msgIds[i] = $parseInt(object.msgIds[i], 10);
                        else if (typeof object.msgIds[i] === "number")
                            message.msgIds[i] = object.msgIds[i];
                        else if (typeof object.msgIds[i] === "object")
                            message.msgIds[i] = new $util.LongBits(object.msgIds[i].low >>> 0, object.msgIds[i].high >>> 0).toNumber(true);
                }
                if (object.userIdsF64 != null)
                    if (object.userIdsF64.length)
                        if (typeof object.userIdsF64 === "string")
                            $util.base64.decode(object.userIdsF64, message.userIdsF64 = $util.newBuffer($util.base64.length(object.userIdsF64)), 0);
                        else if (object.userIdsF64.length >= 0)
                            message.userIdsF64 = object.userIdsF64;
                if (object.seqsF64 != null)
                    if (object.seqsF64.length)
                        if (typeof object.seqsF64 === "string")
                            $util.base64.decode(object.seqsF64, message.seqsF64 = $util.newBuffer($util.base64.length(object.seqsF64)), 0);
                        else if (object.seqsF64.length >= 0)
                            message.seqsF64 = object.seqsF64;
                if (object.msgIdsF64 != null)
                    if (object.msgIdsF64.length)
                        if (typeof object.msgIdsF64 === "string")
                            $util.base64.decode(object.msgIdsF64, message.msgIdsF64 = $util.newBuffer($util.base64.length(object.msgIdsF64)), 0);
                        else if (object.msgIdsF64.length >= 0)
                            message.msgIdsF64 = object.msgIdsF64;
                return message;
            };

            /**
             * Creates a plain object from a PersistBatch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gochat.internal.PersistBatch
             * @static
             * @param {gochat.internal.PersistBatch} message PersistBatch
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PersistBatch.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.messages = [];
                    object.userIds = [];
                    object.seqs = [];
                    object.msgIds = [];
                    object.rejections = [];
                }
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.userIdsF64 = "";
                    else {
                        object.userIdsF64 = [];
                        if (options.bytes !== $Array)
                            object.userIdsF64 = $util.newBuffer(object.userIdsF64);
                    }
                    if (options.bytes === $String)
                        object.seqsF64 = "";
                    else {
                        object.seqsF64 = [];
                        if (options.bytes !== $Array)
                            object.seqsF64 = $util.newBuffer(object.seqsF64);
                    }
                    if (options.bytes === $String)
                        object.msgIdsF64 = "";
                    else {
                        object.msgIdsF64 = [];
                        if (options.bytes !== $Array)
                            object.msgIdsF64 = $util.newBuffer(object.msgIdsF64);
                    }
                }
                if (message.messages && message.messages.length) {
                    object.messages = $Array(message.messages.length);
                    for (let j = 0; j < message.messages.length; ++j)
                        object.messages[j] = $root.gochat.internal.StoredMessage.toObject(message.messages[j], options, _depth + 1);
                }
                if (message.userIds && message.userIds.length) {
                    object.userIds = $Array(message.userIds.length);
                    for (let j = 0; j < message.userIds.length; ++j)
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.userIds[j] = typeof message.userIds[j] === "number" ? $BigInt(message.userIds[j]) : $util.Long.fromBits(message.userIds[j].low >>> 0, message.userIds[j].high >>> 0, true).toBigInt();
                        else if (typeof message.userIds[j] === "number")
                            object.userIds[j] = options.longs === $String ? $String(message.userIds[j]) : message.userIds[j];
                        else
                            object.userIds[j] = options.longs === $String ? $util.Long.prototype.toString.call(message.userIds[j]) : options.longs === $Number ? new $util.LongBits(message.userIds[j].low >>> 0, message.userIds[j].high >>> 0).toNumber(true) : message.userIds[j];
                }
                if (message.seqs && message.seqs.length) {
                    object.seqs = $Array(message.seqs.length);
                    for (let j = 0; j < message.seqs.length; ++j)
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seqs[j] = typeof message.seqs[j] === "number" ? $BigInt(message.seqs[j]) : $util.Long.fromBits(message.seqs[j].low >>> 0, message.seqs[j].high >>> 0, true).toBigInt();
                        else if (typeof message.seqs[j] === "number")
                            object.seqs[j] = options.longs === $String ? $String(message.seqs[j]) : message.seqs[j];
                        else
                            object.seqs[j] = options.longs === $String ? $util.Long.prototype.toString.call(message.seqs[j]) : options.longs === $Number ? new $util.LongBits(message.seqs[j].low >>> 0, message.seqs[j].high >>> 0).toNumber(true) : message.seqs[j];
                }
                if (message.msgIds && message.msgIds.length) {
                    object.msgIds = $Array(message.msgIds.length);
                    for (let j = 0; j < message.msgIds.length; ++j)
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.msgIds[j] = typeof message.msgIds[j] === "number" ? $BigInt(message.msgIds[j]) : $util.Long.fromBits(message.msgIds[j].low >>> 0, message.msgIds[j].high >>> 0, true).toBigInt();
                        else if (typeof message.msgIds[j] === "number")
                            object.msgIds[j] = options.longs === $String ? $String(message.msgIds[j]) : message.msgIds[j];
                        else
                            object.msgIds[j] = options.longs === $String ? $util.Long.prototype.toString.call(message.msgIds[j]) : options.longs === $Number ? new $util.LongBits(message.msgIds[j].low >>> 0, message.msgIds[j].high >>> 0).toNumber(true) : message.msgIds[j];
                }
                if (message.userIdsF64 != null && $Object.hasOwnProperty.call(message, "userIdsF64"))
                    object.userIdsF64 = options.bytes === $String ? $util.base64.encode(message.userIdsF64, 0, message.userIdsF64.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.userIdsF64) : message.userIdsF64;
                if (message.seqsF64 != null && $Object.hasOwnProperty.call(message, "seqsF64"))
                    object.seqsF64 = options.bytes === $String ? $util.base64.encode(message.seqsF64, 0, message.seqsF64.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.seqsF64) : message.seqsF64;
                if (message.msgIdsF64 != null && $Object.hasOwnProperty.call(message, "msgIdsF64"))
                    object.msgIdsF64 = options.bytes === $String ? $util.base64.encode(message.msgIdsF64, 0, message.msgIdsF64.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.msgIdsF64) : message.msgIdsF64;
                if (message.rejections && message.rejections.length) {
                    object.rejections = $Array(message.rejections.length);
                    for (let j = 0; j < message.rejections.length; ++j)
                        object.rejections[j] = $root.gochat.internal.StoredRejection.toObject(message.rejections[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this PersistBatch to JSON.
             * @function toJSON
             * @memberof gochat.internal.PersistBatch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PersistBatch.prototype.toJSON = function() {
                return PersistBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PersistBatch
             * @function getTypeUrl
             * @memberof gochat.internal.PersistBatch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PersistBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/gochat.internal.PersistBatch";
            };

            return PersistBatch;
        })();

        internal.RemotePush = (function() {

            /**
             * Properties of a RemotePush.
             * @typedef {Object} gochat.internal.RemotePush.$Properties
             * @property {number|null} [userId] RemotePush userId
             * @property {string|null} [exceptDevice] RemotePush exceptDevice
             * @property {number|null} [seq] RemotePush seq
             * @property {Uint8Array|null} [output] RemotePush output
             * @property {number|null} [sendTime] RemotePush sendTime
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RemotePush.
             * @memberof gochat.internal
             * @interface IRemotePush
             * @augments gochat.internal.RemotePush.$Properties
             * @deprecated Use gochat.internal.RemotePush.$Properties instead.
             */

            /**
             * Shape of a RemotePush.
             * @typedef {gochat.internal.RemotePush.$Properties} gochat.internal.RemotePush.$Shape
             */

            /**
             * Constructs a new RemotePush.
             * @memberof gochat.internal
             * @classdesc Represents a RemotePush.
             * @constructor
             * @param {gochat.internal.RemotePush.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RemotePush = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RemotePush userId.
             * @member {number} userId
             * @memberof gochat.internal.RemotePush
             * @instance
             */
            RemotePush.prototype.userId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * RemotePush exceptDevice.
             * @member {string} exceptDevice
             * @memberof gochat.internal.RemotePush
             * @instance
             */
            RemotePush.prototype.exceptDevice = "";

            /**
             * RemotePush seq.
             * @member {number} seq
             * @memberof gochat.internal.RemotePush
             * @instance
             */
            RemotePush.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * RemotePush output.
             * @member {Uint8Array} output
             * @memberof gochat.internal.RemotePush
             * @instance
             */
            RemotePush.prototype.output = $util.newBuffer([]);

            /**
             * RemotePush sendTime.
             * @member {number} sendTime
             * @memberof gochat.internal.RemotePush
             * @instance
             */
            RemotePush.prototype.sendTime = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new RemotePush instance using the specified properties.
             * @function create
             * @memberof gochat.internal.RemotePush
             * @static
             * @param {gochat.internal.RemotePush.$Properties=} [properties] Properties to set
             * @returns {gochat.internal.RemotePush} RemotePush instance
             * @type {{
             *   (properties: gochat.internal.RemotePush.$Shape): gochat.internal.RemotePush & gochat.internal.RemotePush.$Shape;
             *   (properties?: gochat.internal.RemotePush.$Properties): gochat.internal.RemotePush;
             * }}
             */
            RemotePush.create = function(properties) {
                return new RemotePush(properties);
            };

            /**
             * Encodes the specified RemotePush message. Does not implicitly {@link gochat.internal.RemotePush.verify|verify} messages.
             * @function encode
             * @memberof gochat.internal.RemotePush
             * @static
             * @param {gochat.internal.RemotePush.$Properties} message RemotePush message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RemotePush.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.userId != null && $Object.hasOwnProperty.call(message, "userId") && (typeof message.userId === "object" ? message.userId.low || message.userId.high : message.userId !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.userId);
                if (message.exceptDevice != null && $Object.hasOwnProperty.call(message, "exceptDevice") && message.exceptDevice !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.exceptDevice);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.seq);
                if (message.output != null && $Object.hasOwnProperty.call(message, "output") && message.output.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.output);
                if (message.sendTime != null && $Object.hasOwnProperty.call(message, "sendTime") && (typeof message.sendTime === "object" ? message.sendTime.low || message.sendTime.high : message.sendTime !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).int64(message.sendTime);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a RemotePush message from the specified reader or buffer.
             * @function decode
             * @memberof gochat.internal.RemotePush
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gochat.internal.RemotePush & gochat.internal.RemotePush.$Shape} RemotePush
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RemotePush.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gochat.internal.RemotePush();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.userId = value;
                            else
                                delete message.userId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.exceptDevice = value;
                            else
                                delete message.exceptDevice;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.output = value;
                            else
                                delete message.output;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.sendTime = value;
                            else
                                delete message.sendTime;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a RemotePush message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gochat.internal.RemotePush
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gochat.internal.RemotePush} RemotePush
             */
            RemotePush.fromObject = function (object, _depth) {
                if (object instanceof $root.gochat.internal.RemotePush)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gochat.internal.RemotePush: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gochat.internal.RemotePush();
                if (object.userId != null)
                    if (typeof object.userId === "object" ? object.userId.low || object.userId.high : $Number(object.userId) !== 0)
                        if ($util.Long)
                            message.userId = $util.Long.fromValue(object.userId, true);
                        else if (typeof object.userId === "string")
                            message.userId = $parseInt(object.userId, 10);
                        else if (typeof object.userId === "number")
                            message.userId = object.userId;
                        else if (typeof object.userId === "object")
                            message.userId = new $util.LongBits(object.userId.low >>> 0, object.userId.high >>> 0).toNumber(true);
                if (object.exceptDevice != null)
                    if (typeof object.exceptDevice !== "string" || object.exceptDevice.length)
                        message.exceptDevice = $String(object.exceptDevice);
                if (object.seq != null)
                    if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                        if ($util.Long)
                            message.seq = $util.Long.fromValue(object.seq, true);
                        else if (typeof object.seq === "string")
                            message.seq = $parseInt(object.seq, 10);
                        else if (typeof object.seq === "number")
                            message.seq = object.seq;
                        else if (typeof object.seq === "object")
                            message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                if (object.output != null)
                    if (object.output.length)
                        if (typeof object.output === "string")
                            $util.base64.decode(object.output, message.output = $util.newBuffer($util.base64.length(object.output)), 0);
                        else if (object.output.length >= 0)
                            message.output = object.output;
                if (object.sendTime != null)
                    if (typeof object.sendTime === "object" ? object.sendTime.low || object.sendTime.high : $Number(object.sendTime) !== 0)
                        if ($util.Long)
                            message.sendTime = $util.Long.fromValue(object.sendTime, false);
                        else if (typeof object.sendTime === "string")
                            message.sendTime = $parseInt(object.sendTime, 10);
                        else if (typeof object.sendTime === "number")
                            message.sendTime = object.sendTime;
                        else if (typeof object.sendTime === "object")
                            message.sendTime = new $util.LongBits(object.sendTime.low >>> 0, object.sendTime.high >>> 0).toNumber();
                return message;
            };

            /**
             * Creates a plain object from a RemotePush message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gochat.internal.RemotePush
             * @static
             * @param {gochat.internal.RemotePush} message RemotePush
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RemotePush.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.userId = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.userId = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.exceptDevice = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (options.bytes === $String)
                        object.output = "";
                    else {
                        object.output = [];
                        if (options.bytes !== $Array)
                            object.output = $util.newBuffer(object.output);
                    }
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.sendTime = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.sendTime = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.userId != null && $Object.hasOwnProperty.call(message, "userId"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.userId = typeof message.userId === "number" ? $BigInt(message.userId) : $util.Long.fromBits(message.userId.low >>> 0, message.userId.high >>> 0, true).toBigInt();
                    else if (typeof message.userId === "number")
                        object.userId = options.longs === $String ? $String(message.userId) : message.userId;
                    else
                        object.userId = options.longs === $String ? $util.Long.prototype.toString.call(message.userId) : options.longs === $Number ? new $util.LongBits(message.userId.low >>> 0, message.userId.high >>> 0).toNumber(true) : message.userId;
                if (message.exceptDevice != null && $Object.hasOwnProperty.call(message, "exceptDevice"))
                    object.exceptDevice = message.exceptDevice;
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                    else if (typeof message.seq === "number")
                        object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                    else
                        object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                if (message.output != null && $Object.hasOwnProperty.call(message, "output"))
                    object.output = options.bytes === $String ? $util.base64.encode(message.output, 0, message.output.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.output) : message.output;
                if (message.sendTime != null && $Object.hasOwnProperty.call(message, "sendTime"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.sendTime = typeof message.sendTime === "number" ? $BigInt(message.sendTime) : $util.Long.fromBits(message.sendTime.low >>> 0, message.sendTime.high >>> 0, false).toBigInt();
                    else if (typeof message.sendTime === "number")
                        object.sendTime = options.longs === $String ? $String(message.sendTime) : message.sendTime;
                    else
                        object.sendTime = options.longs === $String ? $util.Long.prototype.toString.call(message.sendTime) : options.longs === $Number ? new $util.LongBits(message.sendTime.low >>> 0, message.sendTime.high >>> 0).toNumber() : message.sendTime;
                return object;
            };

            /**
             * Converts this RemotePush to JSON.
             * @function toJSON
             * @memberof gochat.internal.RemotePush
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RemotePush.prototype.toJSON = function() {
                return RemotePush.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RemotePush
             * @function getTypeUrl
             * @memberof gochat.internal.RemotePush
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RemotePush.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/gochat.internal.RemotePush";
            };

            return RemotePush;
        })();

        internal.FanoutPush = (function() {

            /**
             * Properties of a FanoutPush.
             * @typedef {Object} gochat.internal.FanoutPush.$Properties
             * @property {Uint8Array|null} [body] FanoutPush body
             * @property {number|null} [sendTime] FanoutPush sendTime
             * @property {number|null} [senderId] FanoutPush senderId
             * @property {string|null} [senderDevice] FanoutPush senderDevice
             * @property {Uint8Array|null} [userIdsF64] FanoutPush userIdsF64
             * @property {Uint8Array|null} [seqsF64] FanoutPush seqsF64
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FanoutPush.
             * @memberof gochat.internal
             * @interface IFanoutPush
             * @augments gochat.internal.FanoutPush.$Properties
             * @deprecated Use gochat.internal.FanoutPush.$Properties instead.
             */

            /**
             * Shape of a FanoutPush.
             * @typedef {gochat.internal.FanoutPush.$Properties} gochat.internal.FanoutPush.$Shape
             */

            /**
             * Constructs a new FanoutPush.
             * @memberof gochat.internal
             * @classdesc Represents a FanoutPush.
             * @constructor
             * @param {gochat.internal.FanoutPush.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FanoutPush = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * FanoutPush body.
             * @member {Uint8Array} body
             * @memberof gochat.internal.FanoutPush
             * @instance
             */
            FanoutPush.prototype.body = $util.newBuffer([]);

            /**
             * FanoutPush sendTime.
             * @member {number} sendTime
             * @memberof gochat.internal.FanoutPush
             * @instance
             */
            FanoutPush.prototype.sendTime = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * FanoutPush senderId.
             * @member {number} senderId
             * @memberof gochat.internal.FanoutPush
             * @instance
             */
            FanoutPush.prototype.senderId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * FanoutPush senderDevice.
             * @member {string} senderDevice
             * @memberof gochat.internal.FanoutPush
             * @instance
             */
            FanoutPush.prototype.senderDevice = "";

            /**
             * FanoutPush userIdsF64.
             * @member {Uint8Array} userIdsF64
             * @memberof gochat.internal.FanoutPush
             * @instance
             */
            FanoutPush.prototype.userIdsF64 = $util.newBuffer([]);

            /**
             * FanoutPush seqsF64.
             * @member {Uint8Array} seqsF64
             * @memberof gochat.internal.FanoutPush
             * @instance
             */
            FanoutPush.prototype.seqsF64 = $util.newBuffer([]);

            /**
             * Creates a new FanoutPush instance using the specified properties.
             * @function create
             * @memberof gochat.internal.FanoutPush
             * @static
             * @param {gochat.internal.FanoutPush.$Properties=} [properties] Properties to set
             * @returns {gochat.internal.FanoutPush} FanoutPush instance
             * @type {{
             *   (properties: gochat.internal.FanoutPush.$Shape): gochat.internal.FanoutPush & gochat.internal.FanoutPush.$Shape;
             *   (properties?: gochat.internal.FanoutPush.$Properties): gochat.internal.FanoutPush;
             * }}
             */
            FanoutPush.create = function(properties) {
                return new FanoutPush(properties);
            };

            /**
             * Encodes the specified FanoutPush message. Does not implicitly {@link gochat.internal.FanoutPush.verify|verify} messages.
             * @function encode
             * @memberof gochat.internal.FanoutPush
             * @static
             * @param {gochat.internal.FanoutPush.$Properties} message FanoutPush message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FanoutPush.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.body != null && $Object.hasOwnProperty.call(message, "body") && message.body.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.body);
                if (message.sendTime != null && $Object.hasOwnProperty.call(message, "sendTime") && (typeof message.sendTime === "object" ? message.sendTime.low || message.sendTime.high : message.sendTime !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.sendTime);
                if (message.senderId != null && $Object.hasOwnProperty.call(message, "senderId") && (typeof message.senderId === "object" ? message.senderId.low || message.senderId.high : message.senderId !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.senderId);
                if (message.senderDevice != null && $Object.hasOwnProperty.call(message, "senderDevice") && message.senderDevice !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.senderDevice);
                if (message.userIdsF64 != null && $Object.hasOwnProperty.call(message, "userIdsF64") && message.userIdsF64.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.userIdsF64);
                if (message.seqsF64 != null && $Object.hasOwnProperty.call(message, "seqsF64") && message.seqsF64.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.seqsF64);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a FanoutPush message from the specified reader or buffer.
             * @function decode
             * @memberof gochat.internal.FanoutPush
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gochat.internal.FanoutPush & gochat.internal.FanoutPush.$Shape} FanoutPush
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FanoutPush.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gochat.internal.FanoutPush();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.body = value;
                            else
                                delete message.body;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.sendTime = value;
                            else
                                delete message.sendTime;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.senderId = value;
                            else
                                delete message.senderId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.senderDevice = value;
                            else
                                delete message.senderDevice;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.userIdsF64 = value;
                            else
                                delete message.userIdsF64;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.seqsF64 = value;
                            else
                                delete message.seqsF64;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a FanoutPush message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gochat.internal.FanoutPush
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gochat.internal.FanoutPush} FanoutPush
             */
            FanoutPush.fromObject = function (object, _depth) {
                if (object instanceof $root.gochat.internal.FanoutPush)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gochat.internal.FanoutPush: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gochat.internal.FanoutPush();
                if (object.body != null)
                    if (object.body.length)
                        if (typeof object.body === "string")
                            $util.base64.decode(object.body, message.body = $util.newBuffer($util.base64.length(object.body)), 0);
                        else if (object.body.length >= 0)
                            message.body = object.body;
                if (object.sendTime != null)
                    if (typeof object.sendTime === "object" ? object.sendTime.low || object.sendTime.high : $Number(object.sendTime) !== 0)
                        if ($util.Long)
                            message.sendTime = $util.Long.fromValue(object.sendTime, false);
                        else if (typeof object.sendTime === "string")
                            message.sendTime = $parseInt(object.sendTime, 10);
                        else if (typeof object.sendTime === "number")
                            message.sendTime = object.sendTime;
                        else if (typeof object.sendTime === "object")
                            message.sendTime = new $util.LongBits(object.sendTime.low >>> 0, object.sendTime.high >>> 0).toNumber();
                if (object.senderId != null)
                    if (typeof object.senderId === "object" ? object.senderId.low || object.senderId.high : $Number(object.senderId) !== 0)
                        if ($util.Long)
                            message.senderId = $util.Long.fromValue(object.senderId, true);
                        else if (typeof object.senderId === "string")
                            message.senderId = $parseInt(object.senderId, 10);
                        else if (typeof object.senderId === "number")
                            message.senderId = object.senderId;
                        else if (typeof object.senderId === "object")
                            message.senderId = new $util.LongBits(object.senderId.low >>> 0, object.senderId.high >>> 0).toNumber(true);
                if (object.senderDevice != null)
                    if (typeof object.senderDevice !== "string" || object.senderDevice.length)
                        message.senderDevice = $String(object.senderDevice);
                if (object.userIdsF64 != null)
                    if (object.userIdsF64.length)
                        if (typeof object.userIdsF64 === "string")
                            $util.base64.decode(object.userIdsF64, message.userIdsF64 = $util.newBuffer($util.base64.length(object.userIdsF64)), 0);
                        else if (object.userIdsF64.length >= 0)
                            message.userIdsF64 = object.userIdsF64;
                if (object.seqsF64 != null)
                    if (object.seqsF64.length)
                        if (typeof object.seqsF64 === "string")
                            $util.base64.decode(object.seqsF64, message.seqsF64 = $util.newBuffer($util.base64.length(object.seqsF64)), 0);
                        else if (object.seqsF64.length >= 0)
                            message.seqsF64 = object.seqsF64;
                return message;
            };

            /**
             * Creates a plain object from a FanoutPush message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gochat.internal.FanoutPush
             * @static
             * @param {gochat.internal.FanoutPush} message FanoutPush
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FanoutPush.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.body = "";
                    else {
                        object.body = [];
                        if (options.bytes !== $Array)
                            object.body = $util.newBuffer(object.body);
                    }
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.sendTime = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.sendTime = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.senderId = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.senderId = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.senderDevice = "";
                    if (options.bytes === $String)
                        object.userIdsF64 = "";
                    else {
                        object.userIdsF64 = [];
                        if (options.bytes !== $Array)
                            object.userIdsF64 = $util.newBuffer(object.userIdsF64);
                    }
                    if (options.bytes === $String)
                        object.seqsF64 = "";
                    else {
                        object.seqsF64 = [];
                        if (options.bytes !== $Array)
                            object.seqsF64 = $util.newBuffer(object.seqsF64);
                    }
                }
                if (message.body != null && $Object.hasOwnProperty.call(message, "body"))
                    object.body = options.bytes === $String ? $util.base64.encode(message.body, 0, message.body.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.body) : message.body;
                if (message.sendTime != null && $Object.hasOwnProperty.call(message, "sendTime"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.sendTime = typeof message.sendTime === "number" ? $BigInt(message.sendTime) : $util.Long.fromBits(message.sendTime.low >>> 0, message.sendTime.high >>> 0, false).toBigInt();
                    else if (typeof message.sendTime === "number")
                        object.sendTime = options.longs === $String ? $String(message.sendTime) : message.sendTime;
                    else
                        object.sendTime = options.longs === $String ? $util.Long.prototype.toString.call(message.sendTime) : options.longs === $Number ? new $util.LongBits(message.sendTime.low >>> 0, message.sendTime.high >>> 0).toNumber() : message.sendTime;
                if (message.senderId != null && $Object.hasOwnProperty.call(message, "senderId"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.senderId = typeof message.senderId === "number" ? $BigInt(message.senderId) : $util.Long.fromBits(message.senderId.low >>> 0, message.senderId.high >>> 0, true).toBigInt();
                    else if (typeof message.senderId === "number")
                        object.senderId = options.longs === $String ? $String(message.senderId) : message.senderId;
                    else
                        object.senderId = options.longs === $String ? $util.Long.prototype.toString.call(message.senderId) : options.longs === $Number ? new $util.LongBits(message.senderId.low >>> 0, message.senderId.high >>> 0).toNumber(true) : message.senderId;
                if (message.senderDevice != null && $Object.hasOwnProperty.call(message, "senderDevice"))
                    object.senderDevice = message.senderDevice;
                if (message.userIdsF64 != null && $Object.hasOwnProperty.call(message, "userIdsF64"))
                    object.userIdsF64 = options.bytes === $String ? $util.base64.encode(message.userIdsF64, 0, message.userIdsF64.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.userIdsF64) : message.userIdsF64;
                if (message.seqsF64 != null && $Object.hasOwnProperty.call(message, "seqsF64"))
                    object.seqsF64 = options.bytes === $String ? $util.base64.encode(message.seqsF64, 0, message.seqsF64.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.seqsF64) : message.seqsF64;
                return object;
            };

            /**
             * Converts this FanoutPush to JSON.
             * @function toJSON
             * @memberof gochat.internal.FanoutPush
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FanoutPush.prototype.toJSON = function() {
                return FanoutPush.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for FanoutPush
             * @function getTypeUrl
             * @memberof gochat.internal.FanoutPush
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FanoutPush.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/gochat.internal.FanoutPush";
            };

            return FanoutPush;
        })();

        internal.PushBatch = (function() {

            /**
             * Properties of a PushBatch.
             * @typedef {Object} gochat.internal.PushBatch.$Properties
             * @property {Array.<gochat.internal.RemotePush.$Properties>|null} [pushes] PushBatch pushes
             * @property {Array.<gochat.internal.FanoutPush.$Properties>|null} [fanouts] PushBatch fanouts
             * @property {Array.<gochat.internal.SignalPush.$Properties>|null} [signals] PushBatch signals
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PushBatch.
             * @memberof gochat.internal
             * @interface IPushBatch
             * @augments gochat.internal.PushBatch.$Properties
             * @deprecated Use gochat.internal.PushBatch.$Properties instead.
             */

            /**
             * Shape of a PushBatch.
             * @typedef {gochat.internal.PushBatch.$Properties} gochat.internal.PushBatch.$Shape
             */

            /**
             * Constructs a new PushBatch.
             * @memberof gochat.internal
             * @classdesc Represents a PushBatch.
             * @constructor
             * @param {gochat.internal.PushBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PushBatch = function (properties) {
                this.pushes = [];
                this.fanouts = [];
                this.signals = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PushBatch pushes.
             * @member {Array.<gochat.internal.RemotePush.$Properties>} pushes
             * @memberof gochat.internal.PushBatch
             * @instance
             */
            PushBatch.prototype.pushes = $util.emptyArray;

            /**
             * PushBatch fanouts.
             * @member {Array.<gochat.internal.FanoutPush.$Properties>} fanouts
             * @memberof gochat.internal.PushBatch
             * @instance
             */
            PushBatch.prototype.fanouts = $util.emptyArray;

            /**
             * PushBatch signals.
             * @member {Array.<gochat.internal.SignalPush.$Properties>} signals
             * @memberof gochat.internal.PushBatch
             * @instance
             */
            PushBatch.prototype.signals = $util.emptyArray;

            /**
             * Creates a new PushBatch instance using the specified properties.
             * @function create
             * @memberof gochat.internal.PushBatch
             * @static
             * @param {gochat.internal.PushBatch.$Properties=} [properties] Properties to set
             * @returns {gochat.internal.PushBatch} PushBatch instance
             * @type {{
             *   (properties: gochat.internal.PushBatch.$Shape): gochat.internal.PushBatch & gochat.internal.PushBatch.$Shape;
             *   (properties?: gochat.internal.PushBatch.$Properties): gochat.internal.PushBatch;
             * }}
             */
            PushBatch.create = function(properties) {
                return new PushBatch(properties);
            };

            /**
             * Encodes the specified PushBatch message. Does not implicitly {@link gochat.internal.PushBatch.verify|verify} messages.
             * @function encode
             * @memberof gochat.internal.PushBatch
             * @static
             * @param {gochat.internal.PushBatch.$Properties} message PushBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PushBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.pushes != null && message.pushes.length)
                    for (let i = 0; i < message.pushes.length; ++i)
                        $root.gochat.internal.RemotePush.encode(message.pushes[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.fanouts != null && message.fanouts.length)
                    for (let i = 0; i < message.fanouts.length; ++i)
                        $root.gochat.internal.FanoutPush.encode(message.fanouts[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.signals != null && message.signals.length)
                    for (let i = 0; i < message.signals.length; ++i)
                        $root.gochat.internal.SignalPush.encode(message.signals[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PushBatch message from the specified reader or buffer.
             * @function decode
             * @memberof gochat.internal.PushBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gochat.internal.PushBatch & gochat.internal.PushBatch.$Shape} PushBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PushBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gochat.internal.PushBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.pushes && message.pushes.length))
                                message.pushes = [];
                            message.pushes.push($root.gochat.internal.RemotePush.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.fanouts && message.fanouts.length))
                                message.fanouts = [];
                            message.fanouts.push($root.gochat.internal.FanoutPush.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.signals && message.signals.length))
                                message.signals = [];
                            message.signals.push($root.gochat.internal.SignalPush.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a PushBatch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gochat.internal.PushBatch
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gochat.internal.PushBatch} PushBatch
             */
            PushBatch.fromObject = function (object, _depth) {
                if (object instanceof $root.gochat.internal.PushBatch)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gochat.internal.PushBatch: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gochat.internal.PushBatch();
                if (object.pushes) {
                    if (!$Array.isArray(object.pushes))
                        throw $TypeError(".gochat.internal.PushBatch.pushes: array expected");
                    message.pushes = $Array(object.pushes.length);
                    for (let i = 0; i < object.pushes.length; ++i) {
                        if (!$util.isObject(object.pushes[i]))
                            throw $TypeError(".gochat.internal.PushBatch.pushes: object expected");
                        message.pushes[i] = $root.gochat.internal.RemotePush.fromObject(object.pushes[i], _depth + 1);
                    }
                }
                if (object.fanouts) {
                    if (!$Array.isArray(object.fanouts))
                        throw $TypeError(".gochat.internal.PushBatch.fanouts: array expected");
                    message.fanouts = $Array(object.fanouts.length);
                    for (let i = 0; i < object.fanouts.length; ++i) {
                        if (!$util.isObject(object.fanouts[i]))
                            throw $TypeError(".gochat.internal.PushBatch.fanouts: object expected");
                        message.fanouts[i] = $root.gochat.internal.FanoutPush.fromObject(object.fanouts[i], _depth + 1);
                    }
                }
                if (object.signals) {
                    if (!$Array.isArray(object.signals))
                        throw $TypeError(".gochat.internal.PushBatch.signals: array expected");
                    message.signals = $Array(object.signals.length);
                    for (let i = 0; i < object.signals.length; ++i) {
                        if (!$util.isObject(object.signals[i]))
                            throw $TypeError(".gochat.internal.PushBatch.signals: object expected");
                        message.signals[i] = $root.gochat.internal.SignalPush.fromObject(object.signals[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a PushBatch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gochat.internal.PushBatch
             * @static
             * @param {gochat.internal.PushBatch} message PushBatch
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PushBatch.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults) {
                    object.pushes = [];
                    object.fanouts = [];
                    object.signals = [];
                }
                if (message.pushes && message.pushes.length) {
                    object.pushes = $Array(message.pushes.length);
                    for (let j = 0; j < message.pushes.length; ++j)
                        object.pushes[j] = $root.gochat.internal.RemotePush.toObject(message.pushes[j], options, _depth + 1);
                }
                if (message.fanouts && message.fanouts.length) {
                    object.fanouts = $Array(message.fanouts.length);
                    for (let j = 0; j < message.fanouts.length; ++j)
                        object.fanouts[j] = $root.gochat.internal.FanoutPush.toObject(message.fanouts[j], options, _depth + 1);
                }
                if (message.signals && message.signals.length) {
                    object.signals = $Array(message.signals.length);
                    for (let j = 0; j < message.signals.length; ++j)
                        object.signals[j] = $root.gochat.internal.SignalPush.toObject(message.signals[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this PushBatch to JSON.
             * @function toJSON
             * @memberof gochat.internal.PushBatch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PushBatch.prototype.toJSON = function() {
                return PushBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PushBatch
             * @function getTypeUrl
             * @memberof gochat.internal.PushBatch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PushBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/gochat.internal.PushBatch";
            };

            return PushBatch;
        })();

        internal.SignalPush = (function() {

            /**
             * Properties of a SignalPush.
             * @typedef {Object} gochat.internal.SignalPush.$Properties
             * @property {Uint8Array|null} [output] SignalPush output
             * @property {Uint8Array|null} [userIdsF64] SignalPush userIdsF64
             * @property {number|null} [exceptUser] SignalPush exceptUser
             * @property {string|null} [exceptDevice] SignalPush exceptDevice
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SignalPush.
             * @memberof gochat.internal
             * @interface ISignalPush
             * @augments gochat.internal.SignalPush.$Properties
             * @deprecated Use gochat.internal.SignalPush.$Properties instead.
             */

            /**
             * Shape of a SignalPush.
             * @typedef {gochat.internal.SignalPush.$Properties} gochat.internal.SignalPush.$Shape
             */

            /**
             * Constructs a new SignalPush.
             * @memberof gochat.internal
             * @classdesc Represents a SignalPush.
             * @constructor
             * @param {gochat.internal.SignalPush.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SignalPush = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SignalPush output.
             * @member {Uint8Array} output
             * @memberof gochat.internal.SignalPush
             * @instance
             */
            SignalPush.prototype.output = $util.newBuffer([]);

            /**
             * SignalPush userIdsF64.
             * @member {Uint8Array} userIdsF64
             * @memberof gochat.internal.SignalPush
             * @instance
             */
            SignalPush.prototype.userIdsF64 = $util.newBuffer([]);

            /**
             * SignalPush exceptUser.
             * @member {number} exceptUser
             * @memberof gochat.internal.SignalPush
             * @instance
             */
            SignalPush.prototype.exceptUser = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SignalPush exceptDevice.
             * @member {string} exceptDevice
             * @memberof gochat.internal.SignalPush
             * @instance
             */
            SignalPush.prototype.exceptDevice = "";

            /**
             * Creates a new SignalPush instance using the specified properties.
             * @function create
             * @memberof gochat.internal.SignalPush
             * @static
             * @param {gochat.internal.SignalPush.$Properties=} [properties] Properties to set
             * @returns {gochat.internal.SignalPush} SignalPush instance
             * @type {{
             *   (properties: gochat.internal.SignalPush.$Shape): gochat.internal.SignalPush & gochat.internal.SignalPush.$Shape;
             *   (properties?: gochat.internal.SignalPush.$Properties): gochat.internal.SignalPush;
             * }}
             */
            SignalPush.create = function(properties) {
                return new SignalPush(properties);
            };

            /**
             * Encodes the specified SignalPush message. Does not implicitly {@link gochat.internal.SignalPush.verify|verify} messages.
             * @function encode
             * @memberof gochat.internal.SignalPush
             * @static
             * @param {gochat.internal.SignalPush.$Properties} message SignalPush message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SignalPush.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.output != null && $Object.hasOwnProperty.call(message, "output") && message.output.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.output);
                if (message.userIdsF64 != null && $Object.hasOwnProperty.call(message, "userIdsF64") && message.userIdsF64.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.userIdsF64);
                if (message.exceptUser != null && $Object.hasOwnProperty.call(message, "exceptUser") && (typeof message.exceptUser === "object" ? message.exceptUser.low || message.exceptUser.high : message.exceptUser !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.exceptUser);
                if (message.exceptDevice != null && $Object.hasOwnProperty.call(message, "exceptDevice") && message.exceptDevice !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.exceptDevice);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SignalPush message from the specified reader or buffer.
             * @function decode
             * @memberof gochat.internal.SignalPush
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gochat.internal.SignalPush & gochat.internal.SignalPush.$Shape} SignalPush
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SignalPush.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gochat.internal.SignalPush();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.output = value;
                            else
                                delete message.output;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.userIdsF64 = value;
                            else
                                delete message.userIdsF64;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.exceptUser = value;
                            else
                                delete message.exceptUser;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.exceptDevice = value;
                            else
                                delete message.exceptDevice;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a SignalPush message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gochat.internal.SignalPush
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gochat.internal.SignalPush} SignalPush
             */
            SignalPush.fromObject = function (object, _depth) {
                if (object instanceof $root.gochat.internal.SignalPush)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gochat.internal.SignalPush: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gochat.internal.SignalPush();
                if (object.output != null)
                    if (object.output.length)
                        if (typeof object.output === "string")
                            $util.base64.decode(object.output, message.output = $util.newBuffer($util.base64.length(object.output)), 0);
                        else if (object.output.length >= 0)
                            message.output = object.output;
                if (object.userIdsF64 != null)
                    if (object.userIdsF64.length)
                        if (typeof object.userIdsF64 === "string")
                            $util.base64.decode(object.userIdsF64, message.userIdsF64 = $util.newBuffer($util.base64.length(object.userIdsF64)), 0);
                        else if (object.userIdsF64.length >= 0)
                            message.userIdsF64 = object.userIdsF64;
                if (object.exceptUser != null)
                    if (typeof object.exceptUser === "object" ? object.exceptUser.low || object.exceptUser.high : $Number(object.exceptUser) !== 0)
                        if ($util.Long)
                            message.exceptUser = $util.Long.fromValue(object.exceptUser, true);
                        else if (typeof object.exceptUser === "string")
                            message.exceptUser = $parseInt(object.exceptUser, 10);
                        else if (typeof object.exceptUser === "number")
                            message.exceptUser = object.exceptUser;
                        else if (typeof object.exceptUser === "object")
                            message.exceptUser = new $util.LongBits(object.exceptUser.low >>> 0, object.exceptUser.high >>> 0).toNumber(true);
                if (object.exceptDevice != null)
                    if (typeof object.exceptDevice !== "string" || object.exceptDevice.length)
                        message.exceptDevice = $String(object.exceptDevice);
                return message;
            };

            /**
             * Creates a plain object from a SignalPush message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gochat.internal.SignalPush
             * @static
             * @param {gochat.internal.SignalPush} message SignalPush
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SignalPush.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.output = "";
                    else {
                        object.output = [];
                        if (options.bytes !== $Array)
                            object.output = $util.newBuffer(object.output);
                    }
                    if (options.bytes === $String)
                        object.userIdsF64 = "";
                    else {
                        object.userIdsF64 = [];
                        if (options.bytes !== $Array)
                            object.userIdsF64 = $util.newBuffer(object.userIdsF64);
                    }
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.exceptUser = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.exceptUser = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.exceptDevice = "";
                }
                if (message.output != null && $Object.hasOwnProperty.call(message, "output"))
                    object.output = options.bytes === $String ? $util.base64.encode(message.output, 0, message.output.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.output) : message.output;
                if (message.userIdsF64 != null && $Object.hasOwnProperty.call(message, "userIdsF64"))
                    object.userIdsF64 = options.bytes === $String ? $util.base64.encode(message.userIdsF64, 0, message.userIdsF64.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.userIdsF64) : message.userIdsF64;
                if (message.exceptUser != null && $Object.hasOwnProperty.call(message, "exceptUser"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.exceptUser = typeof message.exceptUser === "number" ? $BigInt(message.exceptUser) : $util.Long.fromBits(message.exceptUser.low >>> 0, message.exceptUser.high >>> 0, true).toBigInt();
                    else if (typeof message.exceptUser === "number")
                        object.exceptUser = options.longs === $String ? $String(message.exceptUser) : message.exceptUser;
                    else
                        object.exceptUser = options.longs === $String ? $util.Long.prototype.toString.call(message.exceptUser) : options.longs === $Number ? new $util.LongBits(message.exceptUser.low >>> 0, message.exceptUser.high >>> 0).toNumber(true) : message.exceptUser;
                if (message.exceptDevice != null && $Object.hasOwnProperty.call(message, "exceptDevice"))
                    object.exceptDevice = message.exceptDevice;
                return object;
            };

            /**
             * Converts this SignalPush to JSON.
             * @function toJSON
             * @memberof gochat.internal.SignalPush
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SignalPush.prototype.toJSON = function() {
                return SignalPush.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SignalPush
             * @function getTypeUrl
             * @memberof gochat.internal.SignalPush
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SignalPush.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/gochat.internal.SignalPush";
            };

            return SignalPush;
        })();

        internal.PushReply = (function() {

            /**
             * Properties of a PushReply.
             * @typedef {Object} gochat.internal.PushReply.$Properties
             * @property {number|null} [delivered] PushReply delivered
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PushReply.
             * @memberof gochat.internal
             * @interface IPushReply
             * @augments gochat.internal.PushReply.$Properties
             * @deprecated Use gochat.internal.PushReply.$Properties instead.
             */

            /**
             * Shape of a PushReply.
             * @typedef {gochat.internal.PushReply.$Properties} gochat.internal.PushReply.$Shape
             */

            /**
             * Constructs a new PushReply.
             * @memberof gochat.internal
             * @classdesc Represents a PushReply.
             * @constructor
             * @param {gochat.internal.PushReply.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PushReply = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PushReply delivered.
             * @member {number} delivered
             * @memberof gochat.internal.PushReply
             * @instance
             */
            PushReply.prototype.delivered = 0;

            /**
             * Creates a new PushReply instance using the specified properties.
             * @function create
             * @memberof gochat.internal.PushReply
             * @static
             * @param {gochat.internal.PushReply.$Properties=} [properties] Properties to set
             * @returns {gochat.internal.PushReply} PushReply instance
             * @type {{
             *   (properties: gochat.internal.PushReply.$Shape): gochat.internal.PushReply & gochat.internal.PushReply.$Shape;
             *   (properties?: gochat.internal.PushReply.$Properties): gochat.internal.PushReply;
             * }}
             */
            PushReply.create = function(properties) {
                return new PushReply(properties);
            };

            /**
             * Encodes the specified PushReply message. Does not implicitly {@link gochat.internal.PushReply.verify|verify} messages.
             * @function encode
             * @memberof gochat.internal.PushReply
             * @static
             * @param {gochat.internal.PushReply.$Properties} message PushReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PushReply.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.delivered != null && $Object.hasOwnProperty.call(message, "delivered") && message.delivered !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.delivered);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PushReply message from the specified reader or buffer.
             * @function decode
             * @memberof gochat.internal.PushReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {gochat.internal.PushReply & gochat.internal.PushReply.$Shape} PushReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PushReply.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.gochat.internal.PushReply();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.delivered = value;
                            else
                                delete message.delivered;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Creates a PushReply message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof gochat.internal.PushReply
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {gochat.internal.PushReply} PushReply
             */
            PushReply.fromObject = function (object, _depth) {
                if (object instanceof $root.gochat.internal.PushReply)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".gochat.internal.PushReply: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.gochat.internal.PushReply();
                if (object.delivered != null)
                    if ($Number(object.delivered) !== 0)
                        message.delivered = object.delivered >>> 0;
                return message;
            };

            /**
             * Creates a plain object from a PushReply message. Also converts values to other types if specified.
             * @function toObject
             * @memberof gochat.internal.PushReply
             * @static
             * @param {gochat.internal.PushReply} message PushReply
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PushReply.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults)
                    object.delivered = 0;
                if (message.delivered != null && $Object.hasOwnProperty.call(message, "delivered"))
                    object.delivered = message.delivered;
                return object;
            };

            /**
             * Converts this PushReply to JSON.
             * @function toJSON
             * @memberof gochat.internal.PushReply
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PushReply.prototype.toJSON = function() {
                return PushReply.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PushReply
             * @function getTypeUrl
             * @memberof gochat.internal.PushReply
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PushReply.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/gochat.internal.PushReply";
            };

            return PushReply;
        })();

        internal.Delivery = (function() {

            /**
             * Constructs a new Delivery service.
             * @memberof gochat.internal
             * @classdesc Represents a Delivery
             * @extends $protobuf.rpc.Service
             * @constructor
             * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
             * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
             * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
             */
            const Delivery = function(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            };

            $Object.defineProperty(Delivery.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: Delivery, writable: true, enumerable: false, configurable: true });

            /**
             * Creates new Delivery service using the specified rpc implementation.
             * @function create
             * @memberof gochat.internal.Delivery
             * @static
             * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
             * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
             * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
             * @returns {Delivery} RPC service. Useful where requests and/or responses are streamed.
             */
            Delivery.create = function(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };

            /**
             * Callback as used by {@link gochat.internal.Delivery#push}.
             * @memberof gochat.internal.Delivery
             * @typedef PushCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {gochat.internal.PushReply} [response] PushReply
             */

            /**
             * Calls Push.
             * @memberof gochat.internal.Delivery
             * @typedef Push
             * @type {{
             *   (request: gochat.internal.IPushBatch, callback: gochat.internal.Delivery.PushCallback): void;
             *   (request: gochat.internal.IPushBatch): Promise<gochat.internal.PushReply>;
             *   readonly name: "Push";
             *   readonly path: "/gochat.internal.Delivery/Push";
             *   readonly requestType: "PushBatch";
             *   readonly responseType: "PushReply";
             *   readonly requestStream: undefined;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls Push.
             * @name gochat.internal.Delivery#push
             * @type {gochat.internal.Delivery.Push}
             */
            $Object.defineProperties(Delivery.prototype.push = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Delivery.prototype.push, $root.gochat.internal.PushBatch, $root.gochat.internal.PushReply, request, callback);
            }, {
                name: { value: "Push" },
                path: { value: "/gochat.internal.Delivery/Push" },
                requestType: { value: "PushBatch" },
                responseType: { value: "PushReply" },
                requestStream: { value: $undefined },
                responseStream: { value: $undefined }
            });

            /**
             * Callback as used by {@link gochat.internal.Delivery#pushStream}.
             * @memberof gochat.internal.Delivery
             * @typedef PushStreamCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {gochat.internal.PushReply} [response] PushReply
             */

            /**
             * Calls PushStream.
             * @memberof gochat.internal.Delivery
             * @typedef PushStream
             * @type {{
             *   (request: gochat.internal.IPushBatch, callback: gochat.internal.Delivery.PushStreamCallback): void;
             *   (request: gochat.internal.IPushBatch): Promise<gochat.internal.PushReply>;
             *   readonly name: "PushStream";
             *   readonly path: "/gochat.internal.Delivery/PushStream";
             *   readonly requestType: "PushBatch";
             *   readonly responseType: "PushReply";
             *   readonly requestStream: true;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls PushStream.
             * @name gochat.internal.Delivery#pushStream
             * @type {gochat.internal.Delivery.PushStream}
             */
            $Object.defineProperties(Delivery.prototype.pushStream = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Delivery.prototype.pushStream, $root.gochat.internal.PushBatch, $root.gochat.internal.PushReply, request, callback);
            }, {
                name: { value: "PushStream" },
                path: { value: "/gochat.internal.Delivery/PushStream" },
                requestType: { value: "PushBatch" },
                responseType: { value: "PushReply" },
                requestStream: { value: true },
                responseStream: { value: $undefined }
            });

            return Delivery;
        })();

        return internal;
    })();

    return gochat;
})();

export {
  $root as default
};
