/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Array = $util.global.Array, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["gochat"] || ($protobuf.roots["gochat"] = {});

export const gochat = $root.gochat = (() => {

    /**
     * Namespace gochat.
     * @exports gochat
     * @namespace
     */
    const gochat = {};

    /**
     * CmdType enum.
     * @name gochat.CmdType
     * @enum {number}
     * @property {number} CT_UNKNOWN=0 CT_UNKNOWN value
     * @property {number} CT_LOGIN=1 CT_LOGIN value
     * @property {number} CT_HEARTBEAT=2 CT_HEARTBEAT value
     * @property {number} CT_MESSAGE=3 CT_MESSAGE value
     * @property {number} CT_ACK=4 CT_ACK value
     * @property {number} CT_SYNC=5 CT_SYNC value
     * @property {number} CT_READ=6 CT_READ value
     * @property {number} CT_TYPING=7 CT_TYPING value
     * @property {number} CT_PRESENCE=8 CT_PRESENCE value
     * @property {number} CT_CONVERSATIONS=9 CT_CONVERSATIONS value
     */
    gochat.CmdType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "CT_UNKNOWN"] = 0;
        values[valuesById[1] = "CT_LOGIN"] = 1;
        values[valuesById[2] = "CT_HEARTBEAT"] = 2;
        values[valuesById[3] = "CT_MESSAGE"] = 3;
        values[valuesById[4] = "CT_ACK"] = 4;
        values[valuesById[5] = "CT_SYNC"] = 5;
        values[valuesById[6] = "CT_READ"] = 6;
        values[valuesById[7] = "CT_TYPING"] = 7;
        values[valuesById[8] = "CT_PRESENCE"] = 8;
        values[valuesById[9] = "CT_CONVERSATIONS"] = 9;
        return values;
    })();

    /**
     * SessionType enum.
     * @name gochat.SessionType
     * @enum {number}
     * @property {number} ST_UNKNOWN=0 ST_UNKNOWN value
     * @property {number} ST_SINGLE=1 ST_SINGLE value
     * @property {number} ST_GROUP=2 ST_GROUP value
     */
    gochat.SessionType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "ST_UNKNOWN"] = 0;
        values[valuesById[1] = "ST_SINGLE"] = 1;
        values[valuesById[2] = "ST_GROUP"] = 2;
        return values;
    })();

    /**
     * MessageType enum.
     * @name gochat.MessageType
     * @enum {number}
     * @property {number} MT_UNKNOWN=0 MT_UNKNOWN value
     * @property {number} MT_TEXT=1 MT_TEXT value
     * @property {number} MT_PICTURE=2 MT_PICTURE value
     * @property {number} MT_VOICE=3 MT_VOICE value
     * @property {number} MT_RECALL=4 MT_RECALL value
     * @property {number} MT_RECALLED=5 MT_RECALLED value
     */
    gochat.MessageType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "MT_UNKNOWN"] = 0;
        values[valuesById[1] = "MT_TEXT"] = 1;
        values[valuesById[2] = "MT_PICTURE"] = 2;
        values[valuesById[3] = "MT_VOICE"] = 3;
        values[valuesById[4] = "MT_RECALL"] = 4;
        values[valuesById[5] = "MT_RECALLED"] = 5;
        return values;
    })();

    /**
     * ACKType enum.
     * @name gochat.ACKType
     * @enum {number}
     * @property {number} AT_UNKNOWN=0 AT_UNKNOWN value
     * @property {number} AT_UP=1 AT_UP value
     * @property {number} AT_PUSH=2 AT_PUSH value
     * @property {number} AT_LOGIN=3 AT_LOGIN value
     */
    gochat.ACKType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "AT_UNKNOWN"] = 0;
        values[valuesById[1] = "AT_UP"] = 1;
        values[valuesById[2] = "AT_PUSH"] = 2;
        values[valuesById[3] = "AT_LOGIN"] = 3;
        return values;
    })();

    gochat.Input = (function() {

        /**
         * Properties of an Input.
         * @typedef {Object} gochat.Input.$Properties
         * @property {gochat.CmdType|null} [type] Input type
         * @property {Uint8Array|null} [data] Input data
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Input.
         * @memberof gochat
         * @interface IInput
         * @augments gochat.Input.$Properties
         * @deprecated Use gochat.Input.$Properties instead.
         */

        /**
         * Shape of an Input.
         * @typedef {gochat.Input.$Properties} gochat.Input.$Shape
         */

        /**
         * Constructs a new Input.
         * @memberof gochat
         * @classdesc Represents an Input.
         * @constructor
         * @param {gochat.Input.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Input = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Input type.
         * @member {gochat.CmdType} type
         * @memberof gochat.Input
         * @instance
         */
        Input.prototype.type = 0;

        /**
         * Input data.
         * @member {Uint8Array} data
         * @memberof gochat.Input
         * @instance
         */
        Input.prototype.data = $util.newBuffer([]);

        /**
         * Creates a new Input instance using the specified properties.
         * @function create
         * @memberof gochat.Input
         * @static
         * @param {gochat.Input.$Properties=} [properties] Properties to set
         * @returns {gochat.Input} Input instance
         * @type {{
         *   (properties: gochat.Input.$Shape): gochat.Input & gochat.Input.$Shape;
         *   (properties?: gochat.Input.$Properties): gochat.Input;
         * }}
         */
        Input.create = function(properties) {
            return new Input(properties);
        };

        /**
         * Encodes the specified Input message. Does not implicitly {@link gochat.Input.verify|verify} messages.
         * @function encode
         * @memberof gochat.Input
         * @static
         * @param {gochat.Input.$Properties} m Input message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Input.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.type != null && $Object.hasOwnProperty.call(m, "type") && m.type !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).int32(m.type);
            if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                w.uint32(/* id 2, wireType 2 =*/18).bytes(m.data);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes an Input message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.Input
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.Input & gochat.Input.$Shape} Input
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Input.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.Input();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.type = v;
                        else
                            delete m.type;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.data = v;
                        else
                            delete m.data;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates an Input message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.Input
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.Input} Input
         */
        Input.fromObject = function (d, q) {
            if (d instanceof $root.gochat.Input)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.Input: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.Input();
            if (d.type !== 0 && (typeof d.type !== "string" || $root.gochat.CmdType[d.type] !== 0)) {
                switch (d.type) {
                case "CT_UNKNOWN":
                case 0:
                    m.type = 0;
                    break;
                case "CT_LOGIN":
                case 1:
                    m.type = 1;
                    break;
                case "CT_HEARTBEAT":
                case 2:
                    m.type = 2;
                    break;
                case "CT_MESSAGE":
                case 3:
                    m.type = 3;
                    break;
                case "CT_ACK":
                case 4:
                    m.type = 4;
                    break;
                case "CT_SYNC":
                case 5:
                    m.type = 5;
                    break;
                case "CT_READ":
                case 6:
                    m.type = 6;
                    break;
                case "CT_TYPING":
                case 7:
                    m.type = 7;
                    break;
                case "CT_PRESENCE":
                case 8:
                    m.type = 8;
                    break;
                case "CT_CONVERSATIONS":
                case 9:
                    m.type = 9;
                    break;
                default:
                    if (typeof d.type === "number" && (d.type | 0) === d.type)
                        m.type = d.type;
                }
            }
            if (d.data != null) {
                if (d.data.length) {
                    if (typeof d.data === "string")
                        $util.base64.decode(d.data, m.data = $util.newBuffer($util.base64.length(d.data)), 0);
                    else if (d.data.length >= 0)
                        m.data = d.data;
                }
            }
            return m;
        };

        /**
         * Creates a plain object from an Input message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.Input
         * @static
         * @param {gochat.Input} m Input
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Input.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                d.type = o.enums === $String ? "CT_UNKNOWN" : 0;
                if (o.bytes === $String)
                    d.data = "";
                else {
                    d.data = [];
                    if (o.bytes !== $Array)
                        d.data = $util.newBuffer(d.data);
                }
            }
            if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                d.type = o.enums === $String ? $root.gochat.CmdType[m.type] === $undefined ? m.type : $root.gochat.CmdType[m.type] : m.type;
            }
            if (m.data != null && $Object.hasOwnProperty.call(m, "data")) {
                d.data = o.bytes === $String ? $util.base64.encode(m.data, 0, m.data.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.data) : m.data;
            }
            return d;
        };

        /**
         * Converts this Input to JSON.
         * @function toJSON
         * @memberof gochat.Input
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Input.prototype.toJSON = function() {
            return Input.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Input
         * @function getTypeUrl
         * @memberof gochat.Input
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Input.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.Input";
        };

        return Input;
    })();

    gochat.Output = (function() {

        /**
         * Properties of an Output.
         * @typedef {Object} gochat.Output.$Properties
         * @property {gochat.CmdType|null} [type] Output type
         * @property {number|null} [code] Output code
         * @property {string|null} [codeMsg] Output codeMsg
         * @property {Uint8Array|null} [data] Output data
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Output.
         * @memberof gochat
         * @interface IOutput
         * @augments gochat.Output.$Properties
         * @deprecated Use gochat.Output.$Properties instead.
         */

        /**
         * Shape of an Output.
         * @typedef {gochat.Output.$Properties} gochat.Output.$Shape
         */

        /**
         * Constructs a new Output.
         * @memberof gochat
         * @classdesc Represents an Output.
         * @constructor
         * @param {gochat.Output.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Output = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Output type.
         * @member {gochat.CmdType} type
         * @memberof gochat.Output
         * @instance
         */
        Output.prototype.type = 0;

        /**
         * Output code.
         * @member {number} code
         * @memberof gochat.Output
         * @instance
         */
        Output.prototype.code = 0;

        /**
         * Output codeMsg.
         * @member {string} codeMsg
         * @memberof gochat.Output
         * @instance
         */
        Output.prototype.codeMsg = "";

        /**
         * Output data.
         * @member {Uint8Array} data
         * @memberof gochat.Output
         * @instance
         */
        Output.prototype.data = $util.newBuffer([]);

        /**
         * Creates a new Output instance using the specified properties.
         * @function create
         * @memberof gochat.Output
         * @static
         * @param {gochat.Output.$Properties=} [properties] Properties to set
         * @returns {gochat.Output} Output instance
         * @type {{
         *   (properties: gochat.Output.$Shape): gochat.Output & gochat.Output.$Shape;
         *   (properties?: gochat.Output.$Properties): gochat.Output;
         * }}
         */
        Output.create = function(properties) {
            return new Output(properties);
        };

        /**
         * Encodes the specified Output message. Does not implicitly {@link gochat.Output.verify|verify} messages.
         * @function encode
         * @memberof gochat.Output
         * @static
         * @param {gochat.Output.$Properties} m Output message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Output.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.type != null && $Object.hasOwnProperty.call(m, "type") && m.type !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).int32(m.type);
            if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== 0)
                w.uint32(/* id 2, wireType 0 =*/16).int32(m.code);
            if (m.codeMsg != null && $Object.hasOwnProperty.call(m, "codeMsg") && m.codeMsg !== "")
                w.uint32(/* id 3, wireType 2 =*/26).string(m.codeMsg);
            if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                w.uint32(/* id 4, wireType 2 =*/34).bytes(m.data);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes an Output message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.Output
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.Output & gochat.Output.$Shape} Output
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Output.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.Output();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.type = v;
                        else
                            delete m.type;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.code = v;
                        else
                            delete m.code;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.codeMsg = v;
                        else
                            delete m.codeMsg;
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.data = v;
                        else
                            delete m.data;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates an Output message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.Output
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.Output} Output
         */
        Output.fromObject = function (d, q) {
            if (d instanceof $root.gochat.Output)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.Output: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.Output();
            if (d.type !== 0 && (typeof d.type !== "string" || $root.gochat.CmdType[d.type] !== 0)) {
                switch (d.type) {
                case "CT_UNKNOWN":
                case 0:
                    m.type = 0;
                    break;
                case "CT_LOGIN":
                case 1:
                    m.type = 1;
                    break;
                case "CT_HEARTBEAT":
                case 2:
                    m.type = 2;
                    break;
                case "CT_MESSAGE":
                case 3:
                    m.type = 3;
                    break;
                case "CT_ACK":
                case 4:
                    m.type = 4;
                    break;
                case "CT_SYNC":
                case 5:
                    m.type = 5;
                    break;
                case "CT_READ":
                case 6:
                    m.type = 6;
                    break;
                case "CT_TYPING":
                case 7:
                    m.type = 7;
                    break;
                case "CT_PRESENCE":
                case 8:
                    m.type = 8;
                    break;
                case "CT_CONVERSATIONS":
                case 9:
                    m.type = 9;
                    break;
                default:
                    if (typeof d.type === "number" && (d.type | 0) === d.type)
                        m.type = d.type;
                }
            }
            if (d.code != null) {
                if ($Number(d.code) !== 0) {
                    m.code = d.code | 0;
                }
            }
            if (d.codeMsg != null) {
                if (typeof d.codeMsg !== "string" || d.codeMsg.length) {
                    m.codeMsg = $String(d.codeMsg);
                }
            }
            if (d.data != null) {
                if (d.data.length) {
                    if (typeof d.data === "string")
                        $util.base64.decode(d.data, m.data = $util.newBuffer($util.base64.length(d.data)), 0);
                    else if (d.data.length >= 0)
                        m.data = d.data;
                }
            }
            return m;
        };

        /**
         * Creates a plain object from an Output message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.Output
         * @static
         * @param {gochat.Output} m Output
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Output.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                d.type = o.enums === $String ? "CT_UNKNOWN" : 0;
                d.code = 0;
                d.codeMsg = "";
                if (o.bytes === $String)
                    d.data = "";
                else {
                    d.data = [];
                    if (o.bytes !== $Array)
                        d.data = $util.newBuffer(d.data);
                }
            }
            if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                d.type = o.enums === $String ? $root.gochat.CmdType[m.type] === $undefined ? m.type : $root.gochat.CmdType[m.type] : m.type;
            }
            if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                d.code = m.code;
            }
            if (m.codeMsg != null && $Object.hasOwnProperty.call(m, "codeMsg")) {
                d.codeMsg = m.codeMsg;
            }
            if (m.data != null && $Object.hasOwnProperty.call(m, "data")) {
                d.data = o.bytes === $String ? $util.base64.encode(m.data, 0, m.data.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.data) : m.data;
            }
            return d;
        };

        /**
         * Converts this Output to JSON.
         * @function toJSON
         * @memberof gochat.Output
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Output.prototype.toJSON = function() {
            return Output.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Output
         * @function getTypeUrl
         * @memberof gochat.Output
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Output.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.Output";
        };

        return Output;
    })();

    gochat.OutputBatch = (function() {

        /**
         * Properties of an OutputBatch.
         * @typedef {Object} gochat.OutputBatch.$Properties
         * @property {Array.<Uint8Array>|null} [outputs] OutputBatch outputs
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an OutputBatch.
         * @memberof gochat
         * @interface IOutputBatch
         * @augments gochat.OutputBatch.$Properties
         * @deprecated Use gochat.OutputBatch.$Properties instead.
         */

        /**
         * Shape of an OutputBatch.
         * @typedef {gochat.OutputBatch.$Properties} gochat.OutputBatch.$Shape
         */

        /**
         * Constructs a new OutputBatch.
         * @memberof gochat
         * @classdesc Represents an OutputBatch.
         * @constructor
         * @param {gochat.OutputBatch.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const OutputBatch = function (p) {
            this.outputs = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * OutputBatch outputs.
         * @member {Array.<Uint8Array>} outputs
         * @memberof gochat.OutputBatch
         * @instance
         */
        OutputBatch.prototype.outputs = $util.emptyArray;

        /**
         * Creates a new OutputBatch instance using the specified properties.
         * @function create
         * @memberof gochat.OutputBatch
         * @static
         * @param {gochat.OutputBatch.$Properties=} [properties] Properties to set
         * @returns {gochat.OutputBatch} OutputBatch instance
         * @type {{
         *   (properties: gochat.OutputBatch.$Shape): gochat.OutputBatch & gochat.OutputBatch.$Shape;
         *   (properties?: gochat.OutputBatch.$Properties): gochat.OutputBatch;
         * }}
         */
        OutputBatch.create = function(properties) {
            return new OutputBatch(properties);
        };

        /**
         * Encodes the specified OutputBatch message. Does not implicitly {@link gochat.OutputBatch.verify|verify} messages.
         * @function encode
         * @memberof gochat.OutputBatch
         * @static
         * @param {gochat.OutputBatch.$Properties} m OutputBatch message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        OutputBatch.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.outputs != null && m.outputs.length) {
                for (var i = 0; i < m.outputs.length; ++i)
                    w.uint32(/* id 1, wireType 2 =*/10).bytes(m.outputs[i]);
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes an OutputBatch message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.OutputBatch
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.OutputBatch & gochat.OutputBatch.$Shape} OutputBatch
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        OutputBatch.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.OutputBatch();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.outputs && m.outputs.length))
                            m.outputs = [];
                        m.outputs.push(r.bytes());
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates an OutputBatch message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.OutputBatch
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.OutputBatch} OutputBatch
         */
        OutputBatch.fromObject = function (d, q) {
            if (d instanceof $root.gochat.OutputBatch)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.OutputBatch: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.OutputBatch();
            if (d.outputs) {
                if (!$Array.isArray(d.outputs))
                    throw $TypeError(".gochat.OutputBatch.outputs: array expected");
                m.outputs = $Array(d.outputs.length);
                for (var i = 0; i < d.outputs.length; ++i) {
                    if (typeof d.outputs[i] === "string")
                        $util.base64.decode(d.outputs[i], m.outputs[i] = $util.newBuffer($util.base64.length(d.outputs[i])), 0);
                    else if (d.outputs[i].length >= 0)
                        m.outputs[i] = d.outputs[i];
                }
            }
            return m;
        };

        /**
         * Creates a plain object from an OutputBatch message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.OutputBatch
         * @static
         * @param {gochat.OutputBatch} m OutputBatch
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        OutputBatch.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.arrays || o.defaults) {
                d.outputs = [];
            }
            if (m.outputs && m.outputs.length) {
                d.outputs = $Array(m.outputs.length);
                for (var j = 0; j < m.outputs.length; ++j) {
                    d.outputs[j] = o.bytes === $String ? $util.base64.encode(m.outputs[j], 0, m.outputs[j].length) : o.bytes === $Array ? $Array.prototype.slice.call(m.outputs[j]) : m.outputs[j];
                }
            }
            return d;
        };

        /**
         * Converts this OutputBatch to JSON.
         * @function toJSON
         * @memberof gochat.OutputBatch
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        OutputBatch.prototype.toJSON = function() {
            return OutputBatch.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for OutputBatch
         * @function getTypeUrl
         * @memberof gochat.OutputBatch
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        OutputBatch.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.OutputBatch";
        };

        return OutputBatch;
    })();

    gochat.LoginMsg = (function() {

        /**
         * Properties of a LoginMsg.
         * @typedef {Object} gochat.LoginMsg.$Properties
         * @property {Uint8Array|null} [token] LoginMsg token
         * @property {string|null} [deviceId] LoginMsg deviceId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a LoginMsg.
         * @memberof gochat
         * @interface ILoginMsg
         * @augments gochat.LoginMsg.$Properties
         * @deprecated Use gochat.LoginMsg.$Properties instead.
         */

        /**
         * Shape of a LoginMsg.
         * @typedef {gochat.LoginMsg.$Properties} gochat.LoginMsg.$Shape
         */

        /**
         * Constructs a new LoginMsg.
         * @memberof gochat
         * @classdesc Represents a LoginMsg.
         * @constructor
         * @param {gochat.LoginMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const LoginMsg = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * LoginMsg token.
         * @member {Uint8Array} token
         * @memberof gochat.LoginMsg
         * @instance
         */
        LoginMsg.prototype.token = $util.newBuffer([]);

        /**
         * LoginMsg deviceId.
         * @member {string} deviceId
         * @memberof gochat.LoginMsg
         * @instance
         */
        LoginMsg.prototype.deviceId = "";

        /**
         * Creates a new LoginMsg instance using the specified properties.
         * @function create
         * @memberof gochat.LoginMsg
         * @static
         * @param {gochat.LoginMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.LoginMsg} LoginMsg instance
         * @type {{
         *   (properties: gochat.LoginMsg.$Shape): gochat.LoginMsg & gochat.LoginMsg.$Shape;
         *   (properties?: gochat.LoginMsg.$Properties): gochat.LoginMsg;
         * }}
         */
        LoginMsg.create = function(properties) {
            return new LoginMsg(properties);
        };

        /**
         * Encodes the specified LoginMsg message. Does not implicitly {@link gochat.LoginMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.LoginMsg
         * @static
         * @param {gochat.LoginMsg.$Properties} m LoginMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        LoginMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.token != null && $Object.hasOwnProperty.call(m, "token") && m.token.length)
                w.uint32(/* id 1, wireType 2 =*/10).bytes(m.token);
            if (m.deviceId != null && $Object.hasOwnProperty.call(m, "deviceId") && m.deviceId !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.deviceId);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a LoginMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.LoginMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.LoginMsg & gochat.LoginMsg.$Shape} LoginMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        LoginMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.LoginMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.token = v;
                        else
                            delete m.token;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.deviceId = v;
                        else
                            delete m.deviceId;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a LoginMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.LoginMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.LoginMsg} LoginMsg
         */
        LoginMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.LoginMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.LoginMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.LoginMsg();
            if (d.token != null) {
                if (d.token.length) {
                    if (typeof d.token === "string")
                        $util.base64.decode(d.token, m.token = $util.newBuffer($util.base64.length(d.token)), 0);
                    else if (d.token.length >= 0)
                        m.token = d.token;
                }
            }
            if (d.deviceId != null) {
                if (typeof d.deviceId !== "string" || d.deviceId.length) {
                    m.deviceId = $String(d.deviceId);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a LoginMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.LoginMsg
         * @static
         * @param {gochat.LoginMsg} m LoginMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        LoginMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                if (o.bytes === $String)
                    d.token = "";
                else {
                    d.token = [];
                    if (o.bytes !== $Array)
                        d.token = $util.newBuffer(d.token);
                }
                d.deviceId = "";
            }
            if (m.token != null && $Object.hasOwnProperty.call(m, "token")) {
                d.token = o.bytes === $String ? $util.base64.encode(m.token, 0, m.token.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.token) : m.token;
            }
            if (m.deviceId != null && $Object.hasOwnProperty.call(m, "deviceId")) {
                d.deviceId = m.deviceId;
            }
            return d;
        };

        /**
         * Converts this LoginMsg to JSON.
         * @function toJSON
         * @memberof gochat.LoginMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        LoginMsg.prototype.toJSON = function() {
            return LoginMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for LoginMsg
         * @function getTypeUrl
         * @memberof gochat.LoginMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        LoginMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.LoginMsg";
        };

        return LoginMsg;
    })();

    gochat.HeartbeatMsg = (function() {

        /**
         * Properties of a HeartbeatMsg.
         * @typedef {Object} gochat.HeartbeatMsg.$Properties
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a HeartbeatMsg.
         * @memberof gochat
         * @interface IHeartbeatMsg
         * @augments gochat.HeartbeatMsg.$Properties
         * @deprecated Use gochat.HeartbeatMsg.$Properties instead.
         */

        /**
         * Shape of a HeartbeatMsg.
         * @typedef {gochat.HeartbeatMsg.$Properties} gochat.HeartbeatMsg.$Shape
         */

        /**
         * Constructs a new HeartbeatMsg.
         * @memberof gochat
         * @classdesc Represents a HeartbeatMsg.
         * @constructor
         * @param {gochat.HeartbeatMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const HeartbeatMsg = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Creates a new HeartbeatMsg instance using the specified properties.
         * @function create
         * @memberof gochat.HeartbeatMsg
         * @static
         * @param {gochat.HeartbeatMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.HeartbeatMsg} HeartbeatMsg instance
         * @type {{
         *   (properties: gochat.HeartbeatMsg.$Shape): gochat.HeartbeatMsg & gochat.HeartbeatMsg.$Shape;
         *   (properties?: gochat.HeartbeatMsg.$Properties): gochat.HeartbeatMsg;
         * }}
         */
        HeartbeatMsg.create = function(properties) {
            return new HeartbeatMsg(properties);
        };

        /**
         * Encodes the specified HeartbeatMsg message. Does not implicitly {@link gochat.HeartbeatMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.HeartbeatMsg
         * @static
         * @param {gochat.HeartbeatMsg.$Properties} m HeartbeatMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        HeartbeatMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a HeartbeatMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.HeartbeatMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.HeartbeatMsg & gochat.HeartbeatMsg.$Shape} HeartbeatMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        HeartbeatMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.HeartbeatMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                r.skipType(t & 7, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a HeartbeatMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.HeartbeatMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.HeartbeatMsg} HeartbeatMsg
         */
        HeartbeatMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.HeartbeatMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.HeartbeatMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            return new $root.gochat.HeartbeatMsg();
        };

        /**
         * Creates a plain object from a HeartbeatMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.HeartbeatMsg
         * @static
         * @param {gochat.HeartbeatMsg} m HeartbeatMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        HeartbeatMsg.toObject = function () {
            return {};
        };

        /**
         * Converts this HeartbeatMsg to JSON.
         * @function toJSON
         * @memberof gochat.HeartbeatMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        HeartbeatMsg.prototype.toJSON = function() {
            return HeartbeatMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for HeartbeatMsg
         * @function getTypeUrl
         * @memberof gochat.HeartbeatMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        HeartbeatMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.HeartbeatMsg";
        };

        return HeartbeatMsg;
    })();

    gochat.UpMsg = (function() {

        /**
         * Properties of an UpMsg.
         * @typedef {Object} gochat.UpMsg.$Properties
         * @property {gochat.Message.$Properties|null} [msg] UpMsg msg
         * @property {number|null} [clientId] UpMsg clientId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an UpMsg.
         * @memberof gochat
         * @interface IUpMsg
         * @augments gochat.UpMsg.$Properties
         * @deprecated Use gochat.UpMsg.$Properties instead.
         */

        /**
         * Shape of an UpMsg.
         * @typedef {gochat.UpMsg.$Properties} gochat.UpMsg.$Shape
         */

        /**
         * Constructs a new UpMsg.
         * @memberof gochat
         * @classdesc Represents an UpMsg.
         * @constructor
         * @param {gochat.UpMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const UpMsg = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * UpMsg msg.
         * @member {gochat.Message.$Properties|null|undefined} msg
         * @memberof gochat.UpMsg
         * @instance
         */
        UpMsg.prototype.msg = null;

        /**
         * UpMsg clientId.
         * @member {number} clientId
         * @memberof gochat.UpMsg
         * @instance
         */
        UpMsg.prototype.clientId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new UpMsg instance using the specified properties.
         * @function create
         * @memberof gochat.UpMsg
         * @static
         * @param {gochat.UpMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.UpMsg} UpMsg instance
         * @type {{
         *   (properties: gochat.UpMsg.$Shape): gochat.UpMsg & gochat.UpMsg.$Shape;
         *   (properties?: gochat.UpMsg.$Properties): gochat.UpMsg;
         * }}
         */
        UpMsg.create = function(properties) {
            return new UpMsg(properties);
        };

        /**
         * Encodes the specified UpMsg message. Does not implicitly {@link gochat.UpMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.UpMsg
         * @static
         * @param {gochat.UpMsg.$Properties} m UpMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        UpMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.msg != null && $Object.hasOwnProperty.call(m, "msg"))
                $root.gochat.Message.encode(m.msg, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
            if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId") && (typeof m.clientId === "object" ? m.clientId.low || m.clientId.high : m.clientId !== 0))
                w.uint32(/* id 2, wireType 0 =*/16).uint64(m.clientId);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes an UpMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.UpMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.UpMsg & gochat.UpMsg.$Shape} UpMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        UpMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.UpMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.msg = $root.gochat.Message.decode(r, r.size(), $undefined, q + 1, m.msg);
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.clientId = v;
                        else
                            delete m.clientId;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates an UpMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.UpMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.UpMsg} UpMsg
         */
        UpMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.UpMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.UpMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.UpMsg();
            if (d.msg != null) {
                if (!$util.isObject(d.msg))
                    throw $TypeError(".gochat.UpMsg.msg: object expected");
                m.msg = $root.gochat.Message.fromObject(d.msg, q + 1);
            }
            if (d.clientId != null) {
                if (typeof d.clientId === "object" ? d.clientId.low || d.clientId.high : $Number(d.clientId) !== 0) {
                    if ($util.Long)
                        m.clientId = $util.Long.fromValue(d.clientId, true);
                    else if (typeof d.clientId === "string")
                        m.clientId = $parseInt(d.clientId, 10);
                    else if (typeof d.clientId === "number")
                        m.clientId = d.clientId;
                    else if (typeof d.clientId === "object")
                        m.clientId = new $util.LongBits(d.clientId.low >>> 0, d.clientId.high >>> 0).toNumber(true);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from an UpMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.UpMsg
         * @static
         * @param {gochat.UpMsg} m UpMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        UpMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                d.msg = null;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.clientId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.clientId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (m.msg != null && $Object.hasOwnProperty.call(m, "msg")) {
                d.msg = $root.gochat.Message.toObject(m.msg, o, q + 1);
            }
            if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.clientId = typeof m.clientId === "number" ? $BigInt(m.clientId) : $util.Long.fromBits(m.clientId.low >>> 0, m.clientId.high >>> 0, true).toBigInt();
                else if (typeof m.clientId === "number")
                    d.clientId = o.longs === $String ? $String(m.clientId) : m.clientId;
                else
                    d.clientId = o.longs === $String ? $util.Long.prototype.toString.call(m.clientId) : o.longs === $Number ? new $util.LongBits(m.clientId.low >>> 0, m.clientId.high >>> 0).toNumber(true) : m.clientId;
            }
            return d;
        };

        /**
         * Converts this UpMsg to JSON.
         * @function toJSON
         * @memberof gochat.UpMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        UpMsg.prototype.toJSON = function() {
            return UpMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for UpMsg
         * @function getTypeUrl
         * @memberof gochat.UpMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        UpMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.UpMsg";
        };

        return UpMsg;
    })();

    gochat.PushMsg = (function() {

        /**
         * Properties of a PushMsg.
         * @typedef {Object} gochat.PushMsg.$Properties
         * @property {gochat.Message.$Properties|null} [msg] PushMsg msg
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a PushMsg.
         * @memberof gochat
         * @interface IPushMsg
         * @augments gochat.PushMsg.$Properties
         * @deprecated Use gochat.PushMsg.$Properties instead.
         */

        /**
         * Shape of a PushMsg.
         * @typedef {gochat.PushMsg.$Properties} gochat.PushMsg.$Shape
         */

        /**
         * Constructs a new PushMsg.
         * @memberof gochat
         * @classdesc Represents a PushMsg.
         * @constructor
         * @param {gochat.PushMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const PushMsg = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * PushMsg msg.
         * @member {gochat.Message.$Properties|null|undefined} msg
         * @memberof gochat.PushMsg
         * @instance
         */
        PushMsg.prototype.msg = null;

        /**
         * Creates a new PushMsg instance using the specified properties.
         * @function create
         * @memberof gochat.PushMsg
         * @static
         * @param {gochat.PushMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.PushMsg} PushMsg instance
         * @type {{
         *   (properties: gochat.PushMsg.$Shape): gochat.PushMsg & gochat.PushMsg.$Shape;
         *   (properties?: gochat.PushMsg.$Properties): gochat.PushMsg;
         * }}
         */
        PushMsg.create = function(properties) {
            return new PushMsg(properties);
        };

        /**
         * Encodes the specified PushMsg message. Does not implicitly {@link gochat.PushMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.PushMsg
         * @static
         * @param {gochat.PushMsg.$Properties} m PushMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        PushMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.msg != null && $Object.hasOwnProperty.call(m, "msg"))
                $root.gochat.Message.encode(m.msg, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a PushMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.PushMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.PushMsg & gochat.PushMsg.$Shape} PushMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        PushMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.PushMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.msg = $root.gochat.Message.decode(r, r.size(), $undefined, q + 1, m.msg);
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a PushMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.PushMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.PushMsg} PushMsg
         */
        PushMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.PushMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.PushMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.PushMsg();
            if (d.msg != null) {
                if (!$util.isObject(d.msg))
                    throw $TypeError(".gochat.PushMsg.msg: object expected");
                m.msg = $root.gochat.Message.fromObject(d.msg, q + 1);
            }
            return m;
        };

        /**
         * Creates a plain object from a PushMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.PushMsg
         * @static
         * @param {gochat.PushMsg} m PushMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        PushMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                d.msg = null;
            }
            if (m.msg != null && $Object.hasOwnProperty.call(m, "msg")) {
                d.msg = $root.gochat.Message.toObject(m.msg, o, q + 1);
            }
            return d;
        };

        /**
         * Converts this PushMsg to JSON.
         * @function toJSON
         * @memberof gochat.PushMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        PushMsg.prototype.toJSON = function() {
            return PushMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for PushMsg
         * @function getTypeUrl
         * @memberof gochat.PushMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        PushMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.PushMsg";
        };

        return PushMsg;
    })();

    gochat.SyncInputMsg = (function() {

        /**
         * Properties of a SyncInputMsg.
         * @typedef {Object} gochat.SyncInputMsg.$Properties
         * @property {number|null} [seq] SyncInputMsg seq
         * @property {number|null} [limit] SyncInputMsg limit
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SyncInputMsg.
         * @memberof gochat
         * @interface ISyncInputMsg
         * @augments gochat.SyncInputMsg.$Properties
         * @deprecated Use gochat.SyncInputMsg.$Properties instead.
         */

        /**
         * Shape of a SyncInputMsg.
         * @typedef {gochat.SyncInputMsg.$Properties} gochat.SyncInputMsg.$Shape
         */

        /**
         * Constructs a new SyncInputMsg.
         * @memberof gochat
         * @classdesc Represents a SyncInputMsg.
         * @constructor
         * @param {gochat.SyncInputMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SyncInputMsg = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * SyncInputMsg seq.
         * @member {number} seq
         * @memberof gochat.SyncInputMsg
         * @instance
         */
        SyncInputMsg.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SyncInputMsg limit.
         * @member {number} limit
         * @memberof gochat.SyncInputMsg
         * @instance
         */
        SyncInputMsg.prototype.limit = 0;

        /**
         * Creates a new SyncInputMsg instance using the specified properties.
         * @function create
         * @memberof gochat.SyncInputMsg
         * @static
         * @param {gochat.SyncInputMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.SyncInputMsg} SyncInputMsg instance
         * @type {{
         *   (properties: gochat.SyncInputMsg.$Shape): gochat.SyncInputMsg & gochat.SyncInputMsg.$Shape;
         *   (properties?: gochat.SyncInputMsg.$Properties): gochat.SyncInputMsg;
         * }}
         */
        SyncInputMsg.create = function(properties) {
            return new SyncInputMsg(properties);
        };

        /**
         * Encodes the specified SyncInputMsg message. Does not implicitly {@link gochat.SyncInputMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.SyncInputMsg
         * @static
         * @param {gochat.SyncInputMsg.$Properties} m SyncInputMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SyncInputMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                w.uint32(/* id 1, wireType 0 =*/8).uint64(m.seq);
            if (m.limit != null && $Object.hasOwnProperty.call(m, "limit") && m.limit !== 0)
                w.uint32(/* id 2, wireType 0 =*/16).uint32(m.limit);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a SyncInputMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.SyncInputMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.SyncInputMsg & gochat.SyncInputMsg.$Shape} SyncInputMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SyncInputMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.SyncInputMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.seq = v;
                        else
                            delete m.seq;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.limit = v;
                        else
                            delete m.limit;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a SyncInputMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.SyncInputMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.SyncInputMsg} SyncInputMsg
         */
        SyncInputMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.SyncInputMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.SyncInputMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.SyncInputMsg();
            if (d.seq != null) {
                if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                    if ($util.Long)
                        m.seq = $util.Long.fromValue(d.seq, true);
                    else if (typeof d.seq === "string")
                        m.seq = $parseInt(d.seq, 10);
                    else if (typeof d.seq === "number")
                        m.seq = d.seq;
                    else if (typeof d.seq === "object")
                        m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                }
            }
            if (d.limit != null) {
                if ($Number(d.limit) !== 0) {
                    m.limit = d.limit >>> 0;
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a SyncInputMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.SyncInputMsg
         * @static
         * @param {gochat.SyncInputMsg} m SyncInputMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        SyncInputMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                d.limit = 0;
            }
            if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                else if (typeof m.seq === "number")
                    d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                else
                    d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
            }
            if (m.limit != null && $Object.hasOwnProperty.call(m, "limit")) {
                d.limit = m.limit;
            }
            return d;
        };

        /**
         * Converts this SyncInputMsg to JSON.
         * @function toJSON
         * @memberof gochat.SyncInputMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        SyncInputMsg.prototype.toJSON = function() {
            return SyncInputMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for SyncInputMsg
         * @function getTypeUrl
         * @memberof gochat.SyncInputMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        SyncInputMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.SyncInputMsg";
        };

        return SyncInputMsg;
    })();

    gochat.SyncOutputMsg = (function() {

        /**
         * Properties of a SyncOutputMsg.
         * @typedef {Object} gochat.SyncOutputMsg.$Properties
         * @property {Array.<gochat.Message.$Properties>|null} [messages] SyncOutputMsg messages
         * @property {boolean|null} [hasMore] SyncOutputMsg hasMore
         * @property {number|null} [nextSeq] SyncOutputMsg nextSeq
         * @property {number|null} [latestSeq] SyncOutputMsg latestSeq
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SyncOutputMsg.
         * @memberof gochat
         * @interface ISyncOutputMsg
         * @augments gochat.SyncOutputMsg.$Properties
         * @deprecated Use gochat.SyncOutputMsg.$Properties instead.
         */

        /**
         * Shape of a SyncOutputMsg.
         * @typedef {gochat.SyncOutputMsg.$Properties} gochat.SyncOutputMsg.$Shape
         */

        /**
         * Constructs a new SyncOutputMsg.
         * @memberof gochat
         * @classdesc Represents a SyncOutputMsg.
         * @constructor
         * @param {gochat.SyncOutputMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SyncOutputMsg = function (p) {
            this.messages = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * SyncOutputMsg messages.
         * @member {Array.<gochat.Message.$Properties>} messages
         * @memberof gochat.SyncOutputMsg
         * @instance
         */
        SyncOutputMsg.prototype.messages = $util.emptyArray;

        /**
         * SyncOutputMsg hasMore.
         * @member {boolean} hasMore
         * @memberof gochat.SyncOutputMsg
         * @instance
         */
        SyncOutputMsg.prototype.hasMore = false;

        /**
         * SyncOutputMsg nextSeq.
         * @member {number} nextSeq
         * @memberof gochat.SyncOutputMsg
         * @instance
         */
        SyncOutputMsg.prototype.nextSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SyncOutputMsg latestSeq.
         * @member {number} latestSeq
         * @memberof gochat.SyncOutputMsg
         * @instance
         */
        SyncOutputMsg.prototype.latestSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new SyncOutputMsg instance using the specified properties.
         * @function create
         * @memberof gochat.SyncOutputMsg
         * @static
         * @param {gochat.SyncOutputMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.SyncOutputMsg} SyncOutputMsg instance
         * @type {{
         *   (properties: gochat.SyncOutputMsg.$Shape): gochat.SyncOutputMsg & gochat.SyncOutputMsg.$Shape;
         *   (properties?: gochat.SyncOutputMsg.$Properties): gochat.SyncOutputMsg;
         * }}
         */
        SyncOutputMsg.create = function(properties) {
            return new SyncOutputMsg(properties);
        };

        /**
         * Encodes the specified SyncOutputMsg message. Does not implicitly {@link gochat.SyncOutputMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.SyncOutputMsg
         * @static
         * @param {gochat.SyncOutputMsg.$Properties} m SyncOutputMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SyncOutputMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.messages != null && m.messages.length) {
                for (var i = 0; i < m.messages.length; ++i)
                    $root.gochat.Message.encode(m.messages[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
            }
            if (m.hasMore != null && $Object.hasOwnProperty.call(m, "hasMore") && m.hasMore !== false)
                w.uint32(/* id 2, wireType 0 =*/16).bool(m.hasMore);
            if (m.nextSeq != null && $Object.hasOwnProperty.call(m, "nextSeq") && (typeof m.nextSeq === "object" ? m.nextSeq.low || m.nextSeq.high : m.nextSeq !== 0))
                w.uint32(/* id 3, wireType 0 =*/24).uint64(m.nextSeq);
            if (m.latestSeq != null && $Object.hasOwnProperty.call(m, "latestSeq") && (typeof m.latestSeq === "object" ? m.latestSeq.low || m.latestSeq.high : m.latestSeq !== 0))
                w.uint32(/* id 4, wireType 0 =*/32).uint64(m.latestSeq);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a SyncOutputMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.SyncOutputMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.SyncOutputMsg & gochat.SyncOutputMsg.$Shape} SyncOutputMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SyncOutputMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.SyncOutputMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.messages && m.messages.length))
                            m.messages = [];
                        m.messages.push($root.gochat.Message.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (v = r.bool())
                            m.hasMore = v;
                        else
                            delete m.hasMore;
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.nextSeq = v;
                        else
                            delete m.nextSeq;
                        continue;
                    }
                case 4: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.latestSeq = v;
                        else
                            delete m.latestSeq;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a SyncOutputMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.SyncOutputMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.SyncOutputMsg} SyncOutputMsg
         */
        SyncOutputMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.SyncOutputMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.SyncOutputMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.SyncOutputMsg();
            if (d.messages) {
                if (!$Array.isArray(d.messages))
                    throw $TypeError(".gochat.SyncOutputMsg.messages: array expected");
                m.messages = $Array(d.messages.length);
                for (var i = 0; i < d.messages.length; ++i) {
                    if (!$util.isObject(d.messages[i]))
                        throw $TypeError(".gochat.SyncOutputMsg.messages: object expected");
                    m.messages[i] = $root.gochat.Message.fromObject(d.messages[i], q + 1);
                }
            }
            if (d.hasMore != null) {
                if (d.hasMore) {
                    m.hasMore = $Boolean(d.hasMore);
                }
            }
            if (d.nextSeq != null) {
                if (typeof d.nextSeq === "object" ? d.nextSeq.low || d.nextSeq.high : $Number(d.nextSeq) !== 0) {
                    if ($util.Long)
                        m.nextSeq = $util.Long.fromValue(d.nextSeq, true);
                    else if (typeof d.nextSeq === "string")
                        m.nextSeq = $parseInt(d.nextSeq, 10);
                    else if (typeof d.nextSeq === "number")
                        m.nextSeq = d.nextSeq;
                    else if (typeof d.nextSeq === "object")
                        m.nextSeq = new $util.LongBits(d.nextSeq.low >>> 0, d.nextSeq.high >>> 0).toNumber(true);
                }
            }
            if (d.latestSeq != null) {
                if (typeof d.latestSeq === "object" ? d.latestSeq.low || d.latestSeq.high : $Number(d.latestSeq) !== 0) {
                    if ($util.Long)
                        m.latestSeq = $util.Long.fromValue(d.latestSeq, true);
                    else if (typeof d.latestSeq === "string")
                        m.latestSeq = $parseInt(d.latestSeq, 10);
                    else if (typeof d.latestSeq === "number")
                        m.latestSeq = d.latestSeq;
                    else if (typeof d.latestSeq === "object")
                        m.latestSeq = new $util.LongBits(d.latestSeq.low >>> 0, d.latestSeq.high >>> 0).toNumber(true);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a SyncOutputMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.SyncOutputMsg
         * @static
         * @param {gochat.SyncOutputMsg} m SyncOutputMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        SyncOutputMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.arrays || o.defaults) {
                d.messages = [];
            }
            if (o.defaults) {
                d.hasMore = false;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.nextSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.nextSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.latestSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.latestSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (m.messages && m.messages.length) {
                d.messages = $Array(m.messages.length);
                for (var j = 0; j < m.messages.length; ++j) {
                    d.messages[j] = $root.gochat.Message.toObject(m.messages[j], o, q + 1);
                }
            }
            if (m.hasMore != null && $Object.hasOwnProperty.call(m, "hasMore")) {
                d.hasMore = m.hasMore;
            }
            if (m.nextSeq != null && $Object.hasOwnProperty.call(m, "nextSeq")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.nextSeq = typeof m.nextSeq === "number" ? $BigInt(m.nextSeq) : $util.Long.fromBits(m.nextSeq.low >>> 0, m.nextSeq.high >>> 0, true).toBigInt();
                else if (typeof m.nextSeq === "number")
                    d.nextSeq = o.longs === $String ? $String(m.nextSeq) : m.nextSeq;
                else
                    d.nextSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.nextSeq) : o.longs === $Number ? new $util.LongBits(m.nextSeq.low >>> 0, m.nextSeq.high >>> 0).toNumber(true) : m.nextSeq;
            }
            if (m.latestSeq != null && $Object.hasOwnProperty.call(m, "latestSeq")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.latestSeq = typeof m.latestSeq === "number" ? $BigInt(m.latestSeq) : $util.Long.fromBits(m.latestSeq.low >>> 0, m.latestSeq.high >>> 0, true).toBigInt();
                else if (typeof m.latestSeq === "number")
                    d.latestSeq = o.longs === $String ? $String(m.latestSeq) : m.latestSeq;
                else
                    d.latestSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.latestSeq) : o.longs === $Number ? new $util.LongBits(m.latestSeq.low >>> 0, m.latestSeq.high >>> 0).toNumber(true) : m.latestSeq;
            }
            return d;
        };

        /**
         * Converts this SyncOutputMsg to JSON.
         * @function toJSON
         * @memberof gochat.SyncOutputMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        SyncOutputMsg.prototype.toJSON = function() {
            return SyncOutputMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for SyncOutputMsg
         * @function getTypeUrl
         * @memberof gochat.SyncOutputMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        SyncOutputMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.SyncOutputMsg";
        };

        return SyncOutputMsg;
    })();

    gochat.ACKMsg = (function() {

        /**
         * Properties of a ACKMsg.
         * @typedef {Object} gochat.ACKMsg.$Properties
         * @property {gochat.ACKType|null} [type] ACKMsg type
         * @property {number|null} [clientId] ACKMsg clientId
         * @property {number|null} [seq] ACKMsg seq
         * @property {number|null} [msgId] ACKMsg msgId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ACKMsg.
         * @memberof gochat
         * @interface IACKMsg
         * @augments gochat.ACKMsg.$Properties
         * @deprecated Use gochat.ACKMsg.$Properties instead.
         */

        /**
         * Shape of a ACKMsg.
         * @typedef {gochat.ACKMsg.$Properties} gochat.ACKMsg.$Shape
         */

        /**
         * Constructs a new ACKMsg.
         * @memberof gochat
         * @classdesc Represents a ACKMsg.
         * @constructor
         * @param {gochat.ACKMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ACKMsg = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * ACKMsg type.
         * @member {gochat.ACKType} type
         * @memberof gochat.ACKMsg
         * @instance
         */
        ACKMsg.prototype.type = 0;

        /**
         * ACKMsg clientId.
         * @member {number} clientId
         * @memberof gochat.ACKMsg
         * @instance
         */
        ACKMsg.prototype.clientId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * ACKMsg seq.
         * @member {number} seq
         * @memberof gochat.ACKMsg
         * @instance
         */
        ACKMsg.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * ACKMsg msgId.
         * @member {number} msgId
         * @memberof gochat.ACKMsg
         * @instance
         */
        ACKMsg.prototype.msgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new ACKMsg instance using the specified properties.
         * @function create
         * @memberof gochat.ACKMsg
         * @static
         * @param {gochat.ACKMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.ACKMsg} ACKMsg instance
         * @type {{
         *   (properties: gochat.ACKMsg.$Shape): gochat.ACKMsg & gochat.ACKMsg.$Shape;
         *   (properties?: gochat.ACKMsg.$Properties): gochat.ACKMsg;
         * }}
         */
        ACKMsg.create = function(properties) {
            return new ACKMsg(properties);
        };

        /**
         * Encodes the specified ACKMsg message. Does not implicitly {@link gochat.ACKMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.ACKMsg
         * @static
         * @param {gochat.ACKMsg.$Properties} m ACKMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ACKMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.type != null && $Object.hasOwnProperty.call(m, "type") && m.type !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).int32(m.type);
            if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId") && (typeof m.clientId === "object" ? m.clientId.low || m.clientId.high : m.clientId !== 0))
                w.uint32(/* id 2, wireType 0 =*/16).uint64(m.clientId);
            if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                w.uint32(/* id 3, wireType 0 =*/24).uint64(m.seq);
            if (m.msgId != null && $Object.hasOwnProperty.call(m, "msgId") && (typeof m.msgId === "object" ? m.msgId.low || m.msgId.high : m.msgId !== 0))
                w.uint32(/* id 4, wireType 0 =*/32).uint64(m.msgId);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a ACKMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.ACKMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.ACKMsg & gochat.ACKMsg.$Shape} ACKMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ACKMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.ACKMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.type = v;
                        else
                            delete m.type;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.clientId = v;
                        else
                            delete m.clientId;
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.seq = v;
                        else
                            delete m.seq;
                        continue;
                    }
                case 4: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.msgId = v;
                        else
                            delete m.msgId;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a ACKMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.ACKMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.ACKMsg} ACKMsg
         */
        ACKMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.ACKMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.ACKMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.ACKMsg();
            if (d.type !== 0 && (typeof d.type !== "string" || $root.gochat.ACKType[d.type] !== 0)) {
                switch (d.type) {
                case "AT_UNKNOWN":
                case 0:
                    m.type = 0;
                    break;
                case "AT_UP":
                case 1:
                    m.type = 1;
                    break;
                case "AT_PUSH":
                case 2:
                    m.type = 2;
                    break;
                case "AT_LOGIN":
                case 3:
                    m.type = 3;
                    break;
                default:
                    if (typeof d.type === "number" && (d.type | 0) === d.type)
                        m.type = d.type;
                }
            }
            if (d.clientId != null) {
                if (typeof d.clientId === "object" ? d.clientId.low || d.clientId.high : $Number(d.clientId) !== 0) {
                    if ($util.Long)
                        m.clientId = $util.Long.fromValue(d.clientId, true);
                    else if (typeof d.clientId === "string")
                        m.clientId = $parseInt(d.clientId, 10);
                    else if (typeof d.clientId === "number")
                        m.clientId = d.clientId;
                    else if (typeof d.clientId === "object")
                        m.clientId = new $util.LongBits(d.clientId.low >>> 0, d.clientId.high >>> 0).toNumber(true);
                }
            }
            if (d.seq != null) {
                if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                    if ($util.Long)
                        m.seq = $util.Long.fromValue(d.seq, true);
                    else if (typeof d.seq === "string")
                        m.seq = $parseInt(d.seq, 10);
                    else if (typeof d.seq === "number")
                        m.seq = d.seq;
                    else if (typeof d.seq === "object")
                        m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                }
            }
            if (d.msgId != null) {
                if (typeof d.msgId === "object" ? d.msgId.low || d.msgId.high : $Number(d.msgId) !== 0) {
                    if ($util.Long)
                        m.msgId = $util.Long.fromValue(d.msgId, true);
                    else if (typeof d.msgId === "string")
                        m.msgId = $parseInt(d.msgId, 10);
                    else if (typeof d.msgId === "number")
                        m.msgId = d.msgId;
                    else if (typeof d.msgId === "object")
                        m.msgId = new $util.LongBits(d.msgId.low >>> 0, d.msgId.high >>> 0).toNumber(true);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a ACKMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.ACKMsg
         * @static
         * @param {gochat.ACKMsg} m ACKMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ACKMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                d.type = o.enums === $String ? "AT_UNKNOWN" : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.clientId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.clientId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.msgId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.msgId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                d.type = o.enums === $String ? $root.gochat.ACKType[m.type] === $undefined ? m.type : $root.gochat.ACKType[m.type] : m.type;
            }
            if (m.clientId != null && $Object.hasOwnProperty.call(m, "clientId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.clientId = typeof m.clientId === "number" ? $BigInt(m.clientId) : $util.Long.fromBits(m.clientId.low >>> 0, m.clientId.high >>> 0, true).toBigInt();
                else if (typeof m.clientId === "number")
                    d.clientId = o.longs === $String ? $String(m.clientId) : m.clientId;
                else
                    d.clientId = o.longs === $String ? $util.Long.prototype.toString.call(m.clientId) : o.longs === $Number ? new $util.LongBits(m.clientId.low >>> 0, m.clientId.high >>> 0).toNumber(true) : m.clientId;
            }
            if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                else if (typeof m.seq === "number")
                    d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                else
                    d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
            }
            if (m.msgId != null && $Object.hasOwnProperty.call(m, "msgId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.msgId = typeof m.msgId === "number" ? $BigInt(m.msgId) : $util.Long.fromBits(m.msgId.low >>> 0, m.msgId.high >>> 0, true).toBigInt();
                else if (typeof m.msgId === "number")
                    d.msgId = o.longs === $String ? $String(m.msgId) : m.msgId;
                else
                    d.msgId = o.longs === $String ? $util.Long.prototype.toString.call(m.msgId) : o.longs === $Number ? new $util.LongBits(m.msgId.low >>> 0, m.msgId.high >>> 0).toNumber(true) : m.msgId;
            }
            return d;
        };

        /**
         * Converts this ACKMsg to JSON.
         * @function toJSON
         * @memberof gochat.ACKMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ACKMsg.prototype.toJSON = function() {
            return ACKMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ACKMsg
         * @function getTypeUrl
         * @memberof gochat.ACKMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ACKMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.ACKMsg";
        };

        return ACKMsg;
    })();

    gochat.Message = (function() {

        /**
         * Properties of a Message.
         * @typedef {Object} gochat.Message.$Properties
         * @property {gochat.SessionType|null} [sessionType] Message sessionType
         * @property {number|null} [receiverId] Message receiverId
         * @property {number|null} [senderId] Message senderId
         * @property {gochat.MessageType|null} [messageType] Message messageType
         * @property {Uint8Array|null} [content] Message content
         * @property {number|null} [seq] Message seq
         * @property {number|null} [sendTime] Message sendTime
         * @property {number|null} [msgId] Message msgId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Message.
         * @memberof gochat
         * @interface IMessage
         * @augments gochat.Message.$Properties
         * @deprecated Use gochat.Message.$Properties instead.
         */

        /**
         * Shape of a Message.
         * @typedef {gochat.Message.$Properties} gochat.Message.$Shape
         */

        /**
         * Constructs a new Message.
         * @memberof gochat
         * @classdesc Represents a Message.
         * @constructor
         * @param {gochat.Message.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Message = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Message sessionType.
         * @member {gochat.SessionType} sessionType
         * @memberof gochat.Message
         * @instance
         */
        Message.prototype.sessionType = 0;

        /**
         * Message receiverId.
         * @member {number} receiverId
         * @memberof gochat.Message
         * @instance
         */
        Message.prototype.receiverId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Message senderId.
         * @member {number} senderId
         * @memberof gochat.Message
         * @instance
         */
        Message.prototype.senderId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Message messageType.
         * @member {gochat.MessageType} messageType
         * @memberof gochat.Message
         * @instance
         */
        Message.prototype.messageType = 0;

        /**
         * Message content.
         * @member {Uint8Array} content
         * @memberof gochat.Message
         * @instance
         */
        Message.prototype.content = $util.newBuffer([]);

        /**
         * Message seq.
         * @member {number} seq
         * @memberof gochat.Message
         * @instance
         */
        Message.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Message sendTime.
         * @member {number} sendTime
         * @memberof gochat.Message
         * @instance
         */
        Message.prototype.sendTime = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        /**
         * Message msgId.
         * @member {number} msgId
         * @memberof gochat.Message
         * @instance
         */
        Message.prototype.msgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new Message instance using the specified properties.
         * @function create
         * @memberof gochat.Message
         * @static
         * @param {gochat.Message.$Properties=} [properties] Properties to set
         * @returns {gochat.Message} Message instance
         * @type {{
         *   (properties: gochat.Message.$Shape): gochat.Message & gochat.Message.$Shape;
         *   (properties?: gochat.Message.$Properties): gochat.Message;
         * }}
         */
        Message.create = function(properties) {
            return new Message(properties);
        };

        /**
         * Encodes the specified Message message. Does not implicitly {@link gochat.Message.verify|verify} messages.
         * @function encode
         * @memberof gochat.Message
         * @static
         * @param {gochat.Message.$Properties} m Message message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Message.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.sessionType != null && $Object.hasOwnProperty.call(m, "sessionType") && m.sessionType !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).int32(m.sessionType);
            if (m.receiverId != null && $Object.hasOwnProperty.call(m, "receiverId") && (typeof m.receiverId === "object" ? m.receiverId.low || m.receiverId.high : m.receiverId !== 0))
                w.uint32(/* id 2, wireType 0 =*/16).uint64(m.receiverId);
            if (m.senderId != null && $Object.hasOwnProperty.call(m, "senderId") && (typeof m.senderId === "object" ? m.senderId.low || m.senderId.high : m.senderId !== 0))
                w.uint32(/* id 3, wireType 0 =*/24).uint64(m.senderId);
            if (m.messageType != null && $Object.hasOwnProperty.call(m, "messageType") && m.messageType !== 0)
                w.uint32(/* id 4, wireType 0 =*/32).int32(m.messageType);
            if (m.content != null && $Object.hasOwnProperty.call(m, "content") && m.content.length)
                w.uint32(/* id 5, wireType 2 =*/42).bytes(m.content);
            if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                w.uint32(/* id 6, wireType 0 =*/48).uint64(m.seq);
            if (m.sendTime != null && $Object.hasOwnProperty.call(m, "sendTime") && (typeof m.sendTime === "object" ? m.sendTime.low || m.sendTime.high : m.sendTime !== 0))
                w.uint32(/* id 7, wireType 0 =*/56).int64(m.sendTime);
            if (m.msgId != null && $Object.hasOwnProperty.call(m, "msgId") && (typeof m.msgId === "object" ? m.msgId.low || m.msgId.high : m.msgId !== 0))
                w.uint32(/* id 8, wireType 0 =*/64).uint64(m.msgId);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a Message message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.Message
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.Message & gochat.Message.$Shape} Message
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Message.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.Message();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.sessionType = v;
                        else
                            delete m.sessionType;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.receiverId = v;
                        else
                            delete m.receiverId;
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.senderId = v;
                        else
                            delete m.senderId;
                        continue;
                    }
                case 4: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.messageType = v;
                        else
                            delete m.messageType;
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.content = v;
                        else
                            delete m.content;
                        continue;
                    }
                case 6: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.seq = v;
                        else
                            delete m.seq;
                        continue;
                    }
                case 7: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                            m.sendTime = v;
                        else
                            delete m.sendTime;
                        continue;
                    }
                case 8: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.msgId = v;
                        else
                            delete m.msgId;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a Message message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.Message
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.Message} Message
         */
        Message.fromObject = function (d, q) {
            if (d instanceof $root.gochat.Message)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.Message: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.Message();
            if (d.sessionType !== 0 && (typeof d.sessionType !== "string" || $root.gochat.SessionType[d.sessionType] !== 0)) {
                switch (d.sessionType) {
                case "ST_UNKNOWN":
                case 0:
                    m.sessionType = 0;
                    break;
                case "ST_SINGLE":
                case 1:
                    m.sessionType = 1;
                    break;
                case "ST_GROUP":
                case 2:
                    m.sessionType = 2;
                    break;
                default:
                    if (typeof d.sessionType === "number" && (d.sessionType | 0) === d.sessionType)
                        m.sessionType = d.sessionType;
                }
            }
            if (d.receiverId != null) {
                if (typeof d.receiverId === "object" ? d.receiverId.low || d.receiverId.high : $Number(d.receiverId) !== 0) {
                    if ($util.Long)
                        m.receiverId = $util.Long.fromValue(d.receiverId, true);
                    else if (typeof d.receiverId === "string")
                        m.receiverId = $parseInt(d.receiverId, 10);
                    else if (typeof d.receiverId === "number")
                        m.receiverId = d.receiverId;
                    else if (typeof d.receiverId === "object")
                        m.receiverId = new $util.LongBits(d.receiverId.low >>> 0, d.receiverId.high >>> 0).toNumber(true);
                }
            }
            if (d.senderId != null) {
                if (typeof d.senderId === "object" ? d.senderId.low || d.senderId.high : $Number(d.senderId) !== 0) {
                    if ($util.Long)
                        m.senderId = $util.Long.fromValue(d.senderId, true);
                    else if (typeof d.senderId === "string")
                        m.senderId = $parseInt(d.senderId, 10);
                    else if (typeof d.senderId === "number")
                        m.senderId = d.senderId;
                    else if (typeof d.senderId === "object")
                        m.senderId = new $util.LongBits(d.senderId.low >>> 0, d.senderId.high >>> 0).toNumber(true);
                }
            }
            if (d.messageType !== 0 && (typeof d.messageType !== "string" || $root.gochat.MessageType[d.messageType] !== 0)) {
                switch (d.messageType) {
                case "MT_UNKNOWN":
                case 0:
                    m.messageType = 0;
                    break;
                case "MT_TEXT":
                case 1:
                    m.messageType = 1;
                    break;
                case "MT_PICTURE":
                case 2:
                    m.messageType = 2;
                    break;
                case "MT_VOICE":
                case 3:
                    m.messageType = 3;
                    break;
                case "MT_RECALL":
                case 4:
                    m.messageType = 4;
                    break;
                case "MT_RECALLED":
                case 5:
                    m.messageType = 5;
                    break;
                default:
                    if (typeof d.messageType === "number" && (d.messageType | 0) === d.messageType)
                        m.messageType = d.messageType;
                }
            }
            if (d.content != null) {
                if (d.content.length) {
                    if (typeof d.content === "string")
                        $util.base64.decode(d.content, m.content = $util.newBuffer($util.base64.length(d.content)), 0);
                    else if (d.content.length >= 0)
                        m.content = d.content;
                }
            }
            if (d.seq != null) {
                if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                    if ($util.Long)
                        m.seq = $util.Long.fromValue(d.seq, true);
                    else if (typeof d.seq === "string")
                        m.seq = $parseInt(d.seq, 10);
                    else if (typeof d.seq === "number")
                        m.seq = d.seq;
                    else if (typeof d.seq === "object")
                        m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                }
            }
            if (d.sendTime != null) {
                if (typeof d.sendTime === "object" ? d.sendTime.low || d.sendTime.high : $Number(d.sendTime) !== 0) {
                    if ($util.Long)
                        m.sendTime = $util.Long.fromValue(d.sendTime, false);
                    else if (typeof d.sendTime === "string")
                        m.sendTime = $parseInt(d.sendTime, 10);
                    else if (typeof d.sendTime === "number")
                        m.sendTime = d.sendTime;
                    else if (typeof d.sendTime === "object")
                        m.sendTime = new $util.LongBits(d.sendTime.low >>> 0, d.sendTime.high >>> 0).toNumber();
                }
            }
            if (d.msgId != null) {
                if (typeof d.msgId === "object" ? d.msgId.low || d.msgId.high : $Number(d.msgId) !== 0) {
                    if ($util.Long)
                        m.msgId = $util.Long.fromValue(d.msgId, true);
                    else if (typeof d.msgId === "string")
                        m.msgId = $parseInt(d.msgId, 10);
                    else if (typeof d.msgId === "number")
                        m.msgId = d.msgId;
                    else if (typeof d.msgId === "object")
                        m.msgId = new $util.LongBits(d.msgId.low >>> 0, d.msgId.high >>> 0).toNumber(true);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a Message message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.Message
         * @static
         * @param {gochat.Message} m Message
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Message.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                d.sessionType = o.enums === $String ? "ST_UNKNOWN" : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.receiverId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.receiverId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.senderId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.senderId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                d.messageType = o.enums === $String ? "MT_UNKNOWN" : 0;
                if (o.bytes === $String)
                    d.content = "";
                else {
                    d.content = [];
                    if (o.bytes !== $Array)
                        d.content = $util.newBuffer(d.content);
                }
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, false);
                    d.sendTime = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.sendTime = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.msgId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.msgId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (m.sessionType != null && $Object.hasOwnProperty.call(m, "sessionType")) {
                d.sessionType = o.enums === $String ? $root.gochat.SessionType[m.sessionType] === $undefined ? m.sessionType : $root.gochat.SessionType[m.sessionType] : m.sessionType;
            }
            if (m.receiverId != null && $Object.hasOwnProperty.call(m, "receiverId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.receiverId = typeof m.receiverId === "number" ? $BigInt(m.receiverId) : $util.Long.fromBits(m.receiverId.low >>> 0, m.receiverId.high >>> 0, true).toBigInt();
                else if (typeof m.receiverId === "number")
                    d.receiverId = o.longs === $String ? $String(m.receiverId) : m.receiverId;
                else
                    d.receiverId = o.longs === $String ? $util.Long.prototype.toString.call(m.receiverId) : o.longs === $Number ? new $util.LongBits(m.receiverId.low >>> 0, m.receiverId.high >>> 0).toNumber(true) : m.receiverId;
            }
            if (m.senderId != null && $Object.hasOwnProperty.call(m, "senderId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.senderId = typeof m.senderId === "number" ? $BigInt(m.senderId) : $util.Long.fromBits(m.senderId.low >>> 0, m.senderId.high >>> 0, true).toBigInt();
                else if (typeof m.senderId === "number")
                    d.senderId = o.longs === $String ? $String(m.senderId) : m.senderId;
                else
                    d.senderId = o.longs === $String ? $util.Long.prototype.toString.call(m.senderId) : o.longs === $Number ? new $util.LongBits(m.senderId.low >>> 0, m.senderId.high >>> 0).toNumber(true) : m.senderId;
            }
            if (m.messageType != null && $Object.hasOwnProperty.call(m, "messageType")) {
                d.messageType = o.enums === $String ? $root.gochat.MessageType[m.messageType] === $undefined ? m.messageType : $root.gochat.MessageType[m.messageType] : m.messageType;
            }
            if (m.content != null && $Object.hasOwnProperty.call(m, "content")) {
                d.content = o.bytes === $String ? $util.base64.encode(m.content, 0, m.content.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.content) : m.content;
            }
            if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                else if (typeof m.seq === "number")
                    d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                else
                    d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
            }
            if (m.sendTime != null && $Object.hasOwnProperty.call(m, "sendTime")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.sendTime = typeof m.sendTime === "number" ? $BigInt(m.sendTime) : $util.Long.fromBits(m.sendTime.low >>> 0, m.sendTime.high >>> 0, false).toBigInt();
                else if (typeof m.sendTime === "number")
                    d.sendTime = o.longs === $String ? $String(m.sendTime) : m.sendTime;
                else
                    d.sendTime = o.longs === $String ? $util.Long.prototype.toString.call(m.sendTime) : o.longs === $Number ? new $util.LongBits(m.sendTime.low >>> 0, m.sendTime.high >>> 0).toNumber() : m.sendTime;
            }
            if (m.msgId != null && $Object.hasOwnProperty.call(m, "msgId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.msgId = typeof m.msgId === "number" ? $BigInt(m.msgId) : $util.Long.fromBits(m.msgId.low >>> 0, m.msgId.high >>> 0, true).toBigInt();
                else if (typeof m.msgId === "number")
                    d.msgId = o.longs === $String ? $String(m.msgId) : m.msgId;
                else
                    d.msgId = o.longs === $String ? $util.Long.prototype.toString.call(m.msgId) : o.longs === $Number ? new $util.LongBits(m.msgId.low >>> 0, m.msgId.high >>> 0).toNumber(true) : m.msgId;
            }
            return d;
        };

        /**
         * Converts this Message to JSON.
         * @function toJSON
         * @memberof gochat.Message
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Message.prototype.toJSON = function() {
            return Message.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Message
         * @function getTypeUrl
         * @memberof gochat.Message
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Message.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.Message";
        };

        return Message;
    })();

    gochat.ReadMsg = (function() {

        /**
         * Properties of a ReadMsg.
         * @typedef {Object} gochat.ReadMsg.$Properties
         * @property {gochat.SessionType|null} [sessionType] ReadMsg sessionType
         * @property {number|null} [peerId] ReadMsg peerId
         * @property {number|null} [seq] ReadMsg seq
         * @property {number|null} [readerId] ReadMsg readerId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ReadMsg.
         * @memberof gochat
         * @interface IReadMsg
         * @augments gochat.ReadMsg.$Properties
         * @deprecated Use gochat.ReadMsg.$Properties instead.
         */

        /**
         * Shape of a ReadMsg.
         * @typedef {gochat.ReadMsg.$Properties} gochat.ReadMsg.$Shape
         */

        /**
         * Constructs a new ReadMsg.
         * @memberof gochat
         * @classdesc Represents a ReadMsg.
         * @constructor
         * @param {gochat.ReadMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ReadMsg = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * ReadMsg sessionType.
         * @member {gochat.SessionType} sessionType
         * @memberof gochat.ReadMsg
         * @instance
         */
        ReadMsg.prototype.sessionType = 0;

        /**
         * ReadMsg peerId.
         * @member {number} peerId
         * @memberof gochat.ReadMsg
         * @instance
         */
        ReadMsg.prototype.peerId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * ReadMsg seq.
         * @member {number} seq
         * @memberof gochat.ReadMsg
         * @instance
         */
        ReadMsg.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * ReadMsg readerId.
         * @member {number} readerId
         * @memberof gochat.ReadMsg
         * @instance
         */
        ReadMsg.prototype.readerId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new ReadMsg instance using the specified properties.
         * @function create
         * @memberof gochat.ReadMsg
         * @static
         * @param {gochat.ReadMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.ReadMsg} ReadMsg instance
         * @type {{
         *   (properties: gochat.ReadMsg.$Shape): gochat.ReadMsg & gochat.ReadMsg.$Shape;
         *   (properties?: gochat.ReadMsg.$Properties): gochat.ReadMsg;
         * }}
         */
        ReadMsg.create = function(properties) {
            return new ReadMsg(properties);
        };

        /**
         * Encodes the specified ReadMsg message. Does not implicitly {@link gochat.ReadMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.ReadMsg
         * @static
         * @param {gochat.ReadMsg.$Properties} m ReadMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ReadMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.sessionType != null && $Object.hasOwnProperty.call(m, "sessionType") && m.sessionType !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).int32(m.sessionType);
            if (m.peerId != null && $Object.hasOwnProperty.call(m, "peerId") && (typeof m.peerId === "object" ? m.peerId.low || m.peerId.high : m.peerId !== 0))
                w.uint32(/* id 2, wireType 0 =*/16).uint64(m.peerId);
            if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                w.uint32(/* id 3, wireType 0 =*/24).uint64(m.seq);
            if (m.readerId != null && $Object.hasOwnProperty.call(m, "readerId") && (typeof m.readerId === "object" ? m.readerId.low || m.readerId.high : m.readerId !== 0))
                w.uint32(/* id 4, wireType 0 =*/32).uint64(m.readerId);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a ReadMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.ReadMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.ReadMsg & gochat.ReadMsg.$Shape} ReadMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ReadMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.ReadMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.sessionType = v;
                        else
                            delete m.sessionType;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.peerId = v;
                        else
                            delete m.peerId;
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.seq = v;
                        else
                            delete m.seq;
                        continue;
                    }
                case 4: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.readerId = v;
                        else
                            delete m.readerId;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a ReadMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.ReadMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.ReadMsg} ReadMsg
         */
        ReadMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.ReadMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.ReadMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.ReadMsg();
            if (d.sessionType !== 0 && (typeof d.sessionType !== "string" || $root.gochat.SessionType[d.sessionType] !== 0)) {
                switch (d.sessionType) {
                case "ST_UNKNOWN":
                case 0:
                    m.sessionType = 0;
                    break;
                case "ST_SINGLE":
                case 1:
                    m.sessionType = 1;
                    break;
                case "ST_GROUP":
                case 2:
                    m.sessionType = 2;
                    break;
                default:
                    if (typeof d.sessionType === "number" && (d.sessionType | 0) === d.sessionType)
                        m.sessionType = d.sessionType;
                }
            }
            if (d.peerId != null) {
                if (typeof d.peerId === "object" ? d.peerId.low || d.peerId.high : $Number(d.peerId) !== 0) {
                    if ($util.Long)
                        m.peerId = $util.Long.fromValue(d.peerId, true);
                    else if (typeof d.peerId === "string")
                        m.peerId = $parseInt(d.peerId, 10);
                    else if (typeof d.peerId === "number")
                        m.peerId = d.peerId;
                    else if (typeof d.peerId === "object")
                        m.peerId = new $util.LongBits(d.peerId.low >>> 0, d.peerId.high >>> 0).toNumber(true);
                }
            }
            if (d.seq != null) {
                if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                    if ($util.Long)
                        m.seq = $util.Long.fromValue(d.seq, true);
                    else if (typeof d.seq === "string")
                        m.seq = $parseInt(d.seq, 10);
                    else if (typeof d.seq === "number")
                        m.seq = d.seq;
                    else if (typeof d.seq === "object")
                        m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                }
            }
            if (d.readerId != null) {
                if (typeof d.readerId === "object" ? d.readerId.low || d.readerId.high : $Number(d.readerId) !== 0) {
                    if ($util.Long)
                        m.readerId = $util.Long.fromValue(d.readerId, true);
                    else if (typeof d.readerId === "string")
                        m.readerId = $parseInt(d.readerId, 10);
                    else if (typeof d.readerId === "number")
                        m.readerId = d.readerId;
                    else if (typeof d.readerId === "object")
                        m.readerId = new $util.LongBits(d.readerId.low >>> 0, d.readerId.high >>> 0).toNumber(true);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a ReadMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.ReadMsg
         * @static
         * @param {gochat.ReadMsg} m ReadMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ReadMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                d.sessionType = o.enums === $String ? "ST_UNKNOWN" : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.peerId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.peerId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.readerId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.readerId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (m.sessionType != null && $Object.hasOwnProperty.call(m, "sessionType")) {
                d.sessionType = o.enums === $String ? $root.gochat.SessionType[m.sessionType] === $undefined ? m.sessionType : $root.gochat.SessionType[m.sessionType] : m.sessionType;
            }
            if (m.peerId != null && $Object.hasOwnProperty.call(m, "peerId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.peerId = typeof m.peerId === "number" ? $BigInt(m.peerId) : $util.Long.fromBits(m.peerId.low >>> 0, m.peerId.high >>> 0, true).toBigInt();
                else if (typeof m.peerId === "number")
                    d.peerId = o.longs === $String ? $String(m.peerId) : m.peerId;
                else
                    d.peerId = o.longs === $String ? $util.Long.prototype.toString.call(m.peerId) : o.longs === $Number ? new $util.LongBits(m.peerId.low >>> 0, m.peerId.high >>> 0).toNumber(true) : m.peerId;
            }
            if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                else if (typeof m.seq === "number")
                    d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                else
                    d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
            }
            if (m.readerId != null && $Object.hasOwnProperty.call(m, "readerId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.readerId = typeof m.readerId === "number" ? $BigInt(m.readerId) : $util.Long.fromBits(m.readerId.low >>> 0, m.readerId.high >>> 0, true).toBigInt();
                else if (typeof m.readerId === "number")
                    d.readerId = o.longs === $String ? $String(m.readerId) : m.readerId;
                else
                    d.readerId = o.longs === $String ? $util.Long.prototype.toString.call(m.readerId) : o.longs === $Number ? new $util.LongBits(m.readerId.low >>> 0, m.readerId.high >>> 0).toNumber(true) : m.readerId;
            }
            return d;
        };

        /**
         * Converts this ReadMsg to JSON.
         * @function toJSON
         * @memberof gochat.ReadMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ReadMsg.prototype.toJSON = function() {
            return ReadMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ReadMsg
         * @function getTypeUrl
         * @memberof gochat.ReadMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ReadMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.ReadMsg";
        };

        return ReadMsg;
    })();

    gochat.TypingMsg = (function() {

        /**
         * Properties of a TypingMsg.
         * @typedef {Object} gochat.TypingMsg.$Properties
         * @property {gochat.SessionType|null} [sessionType] TypingMsg sessionType
         * @property {number|null} [peerId] TypingMsg peerId
         * @property {number|null} [userId] TypingMsg userId
         * @property {boolean|null} [typing] TypingMsg typing
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a TypingMsg.
         * @memberof gochat
         * @interface ITypingMsg
         * @augments gochat.TypingMsg.$Properties
         * @deprecated Use gochat.TypingMsg.$Properties instead.
         */

        /**
         * Shape of a TypingMsg.
         * @typedef {gochat.TypingMsg.$Properties} gochat.TypingMsg.$Shape
         */

        /**
         * Constructs a new TypingMsg.
         * @memberof gochat
         * @classdesc Represents a TypingMsg.
         * @constructor
         * @param {gochat.TypingMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const TypingMsg = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * TypingMsg sessionType.
         * @member {gochat.SessionType} sessionType
         * @memberof gochat.TypingMsg
         * @instance
         */
        TypingMsg.prototype.sessionType = 0;

        /**
         * TypingMsg peerId.
         * @member {number} peerId
         * @memberof gochat.TypingMsg
         * @instance
         */
        TypingMsg.prototype.peerId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * TypingMsg userId.
         * @member {number} userId
         * @memberof gochat.TypingMsg
         * @instance
         */
        TypingMsg.prototype.userId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * TypingMsg typing.
         * @member {boolean} typing
         * @memberof gochat.TypingMsg
         * @instance
         */
        TypingMsg.prototype.typing = false;

        /**
         * Creates a new TypingMsg instance using the specified properties.
         * @function create
         * @memberof gochat.TypingMsg
         * @static
         * @param {gochat.TypingMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.TypingMsg} TypingMsg instance
         * @type {{
         *   (properties: gochat.TypingMsg.$Shape): gochat.TypingMsg & gochat.TypingMsg.$Shape;
         *   (properties?: gochat.TypingMsg.$Properties): gochat.TypingMsg;
         * }}
         */
        TypingMsg.create = function(properties) {
            return new TypingMsg(properties);
        };

        /**
         * Encodes the specified TypingMsg message. Does not implicitly {@link gochat.TypingMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.TypingMsg
         * @static
         * @param {gochat.TypingMsg.$Properties} m TypingMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        TypingMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.sessionType != null && $Object.hasOwnProperty.call(m, "sessionType") && m.sessionType !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).int32(m.sessionType);
            if (m.peerId != null && $Object.hasOwnProperty.call(m, "peerId") && (typeof m.peerId === "object" ? m.peerId.low || m.peerId.high : m.peerId !== 0))
                w.uint32(/* id 2, wireType 0 =*/16).uint64(m.peerId);
            if (m.userId != null && $Object.hasOwnProperty.call(m, "userId") && (typeof m.userId === "object" ? m.userId.low || m.userId.high : m.userId !== 0))
                w.uint32(/* id 3, wireType 0 =*/24).uint64(m.userId);
            if (m.typing != null && $Object.hasOwnProperty.call(m, "typing") && m.typing !== false)
                w.uint32(/* id 4, wireType 0 =*/32).bool(m.typing);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a TypingMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.TypingMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.TypingMsg & gochat.TypingMsg.$Shape} TypingMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        TypingMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.TypingMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.sessionType = v;
                        else
                            delete m.sessionType;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.peerId = v;
                        else
                            delete m.peerId;
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.userId = v;
                        else
                            delete m.userId;
                        continue;
                    }
                case 4: {
                        if (u !== 0)
                            break;
                        if (v = r.bool())
                            m.typing = v;
                        else
                            delete m.typing;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a TypingMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.TypingMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.TypingMsg} TypingMsg
         */
        TypingMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.TypingMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.TypingMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.TypingMsg();
            if (d.sessionType !== 0 && (typeof d.sessionType !== "string" || $root.gochat.SessionType[d.sessionType] !== 0)) {
                switch (d.sessionType) {
                case "ST_UNKNOWN":
                case 0:
                    m.sessionType = 0;
                    break;
                case "ST_SINGLE":
                case 1:
                    m.sessionType = 1;
                    break;
                case "ST_GROUP":
                case 2:
                    m.sessionType = 2;
                    break;
                default:
                    if (typeof d.sessionType === "number" && (d.sessionType | 0) === d.sessionType)
                        m.sessionType = d.sessionType;
                }
            }
            if (d.peerId != null) {
                if (typeof d.peerId === "object" ? d.peerId.low || d.peerId.high : $Number(d.peerId) !== 0) {
                    if ($util.Long)
                        m.peerId = $util.Long.fromValue(d.peerId, true);
                    else if (typeof d.peerId === "string")
                        m.peerId = $parseInt(d.peerId, 10);
                    else if (typeof d.peerId === "number")
                        m.peerId = d.peerId;
                    else if (typeof d.peerId === "object")
                        m.peerId = new $util.LongBits(d.peerId.low >>> 0, d.peerId.high >>> 0).toNumber(true);
                }
            }
            if (d.userId != null) {
                if (typeof d.userId === "object" ? d.userId.low || d.userId.high : $Number(d.userId) !== 0) {
                    if ($util.Long)
                        m.userId = $util.Long.fromValue(d.userId, true);
                    else if (typeof d.userId === "string")
                        m.userId = $parseInt(d.userId, 10);
                    else if (typeof d.userId === "number")
                        m.userId = d.userId;
                    else if (typeof d.userId === "object")
                        m.userId = new $util.LongBits(d.userId.low >>> 0, d.userId.high >>> 0).toNumber(true);
                }
            }
            if (d.typing != null) {
                if (d.typing) {
                    m.typing = $Boolean(d.typing);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a TypingMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.TypingMsg
         * @static
         * @param {gochat.TypingMsg} m TypingMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        TypingMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                d.sessionType = o.enums === $String ? "ST_UNKNOWN" : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.peerId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.peerId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.userId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.userId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                d.typing = false;
            }
            if (m.sessionType != null && $Object.hasOwnProperty.call(m, "sessionType")) {
                d.sessionType = o.enums === $String ? $root.gochat.SessionType[m.sessionType] === $undefined ? m.sessionType : $root.gochat.SessionType[m.sessionType] : m.sessionType;
            }
            if (m.peerId != null && $Object.hasOwnProperty.call(m, "peerId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.peerId = typeof m.peerId === "number" ? $BigInt(m.peerId) : $util.Long.fromBits(m.peerId.low >>> 0, m.peerId.high >>> 0, true).toBigInt();
                else if (typeof m.peerId === "number")
                    d.peerId = o.longs === $String ? $String(m.peerId) : m.peerId;
                else
                    d.peerId = o.longs === $String ? $util.Long.prototype.toString.call(m.peerId) : o.longs === $Number ? new $util.LongBits(m.peerId.low >>> 0, m.peerId.high >>> 0).toNumber(true) : m.peerId;
            }
            if (m.userId != null && $Object.hasOwnProperty.call(m, "userId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.userId = typeof m.userId === "number" ? $BigInt(m.userId) : $util.Long.fromBits(m.userId.low >>> 0, m.userId.high >>> 0, true).toBigInt();
                else if (typeof m.userId === "number")
                    d.userId = o.longs === $String ? $String(m.userId) : m.userId;
                else
                    d.userId = o.longs === $String ? $util.Long.prototype.toString.call(m.userId) : o.longs === $Number ? new $util.LongBits(m.userId.low >>> 0, m.userId.high >>> 0).toNumber(true) : m.userId;
            }
            if (m.typing != null && $Object.hasOwnProperty.call(m, "typing")) {
                d.typing = m.typing;
            }
            return d;
        };

        /**
         * Converts this TypingMsg to JSON.
         * @function toJSON
         * @memberof gochat.TypingMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        TypingMsg.prototype.toJSON = function() {
            return TypingMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for TypingMsg
         * @function getTypeUrl
         * @memberof gochat.TypingMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        TypingMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.TypingMsg";
        };

        return TypingMsg;
    })();

    gochat.Presence = (function() {

        /**
         * Properties of a Presence.
         * @typedef {Object} gochat.Presence.$Properties
         * @property {number|null} [userId] Presence userId
         * @property {boolean|null} [online] Presence online
         * @property {number|null} [lastSeen] Presence lastSeen
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Presence.
         * @memberof gochat
         * @interface IPresence
         * @augments gochat.Presence.$Properties
         * @deprecated Use gochat.Presence.$Properties instead.
         */

        /**
         * Shape of a Presence.
         * @typedef {gochat.Presence.$Properties} gochat.Presence.$Shape
         */

        /**
         * Constructs a new Presence.
         * @memberof gochat
         * @classdesc Represents a Presence.
         * @constructor
         * @param {gochat.Presence.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Presence = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Presence userId.
         * @member {number} userId
         * @memberof gochat.Presence
         * @instance
         */
        Presence.prototype.userId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Presence online.
         * @member {boolean} online
         * @memberof gochat.Presence
         * @instance
         */
        Presence.prototype.online = false;

        /**
         * Presence lastSeen.
         * @member {number} lastSeen
         * @memberof gochat.Presence
         * @instance
         */
        Presence.prototype.lastSeen = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

        /**
         * Creates a new Presence instance using the specified properties.
         * @function create
         * @memberof gochat.Presence
         * @static
         * @param {gochat.Presence.$Properties=} [properties] Properties to set
         * @returns {gochat.Presence} Presence instance
         * @type {{
         *   (properties: gochat.Presence.$Shape): gochat.Presence & gochat.Presence.$Shape;
         *   (properties?: gochat.Presence.$Properties): gochat.Presence;
         * }}
         */
        Presence.create = function(properties) {
            return new Presence(properties);
        };

        /**
         * Encodes the specified Presence message. Does not implicitly {@link gochat.Presence.verify|verify} messages.
         * @function encode
         * @memberof gochat.Presence
         * @static
         * @param {gochat.Presence.$Properties} m Presence message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Presence.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.userId != null && $Object.hasOwnProperty.call(m, "userId") && (typeof m.userId === "object" ? m.userId.low || m.userId.high : m.userId !== 0))
                w.uint32(/* id 1, wireType 0 =*/8).uint64(m.userId);
            if (m.online != null && $Object.hasOwnProperty.call(m, "online") && m.online !== false)
                w.uint32(/* id 2, wireType 0 =*/16).bool(m.online);
            if (m.lastSeen != null && $Object.hasOwnProperty.call(m, "lastSeen") && (typeof m.lastSeen === "object" ? m.lastSeen.low || m.lastSeen.high : m.lastSeen !== 0))
                w.uint32(/* id 3, wireType 0 =*/24).int64(m.lastSeen);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a Presence message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.Presence
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.Presence & gochat.Presence.$Shape} Presence
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Presence.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.Presence();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.userId = v;
                        else
                            delete m.userId;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (v = r.bool())
                            m.online = v;
                        else
                            delete m.online;
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                            m.lastSeen = v;
                        else
                            delete m.lastSeen;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a Presence message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.Presence
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.Presence} Presence
         */
        Presence.fromObject = function (d, q) {
            if (d instanceof $root.gochat.Presence)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.Presence: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.Presence();
            if (d.userId != null) {
                if (typeof d.userId === "object" ? d.userId.low || d.userId.high : $Number(d.userId) !== 0) {
                    if ($util.Long)
                        m.userId = $util.Long.fromValue(d.userId, true);
                    else if (typeof d.userId === "string")
                        m.userId = $parseInt(d.userId, 10);
                    else if (typeof d.userId === "number")
                        m.userId = d.userId;
                    else if (typeof d.userId === "object")
                        m.userId = new $util.LongBits(d.userId.low >>> 0, d.userId.high >>> 0).toNumber(true);
                }
            }
            if (d.online != null) {
                if (d.online) {
                    m.online = $Boolean(d.online);
                }
            }
            if (d.lastSeen != null) {
                if (typeof d.lastSeen === "object" ? d.lastSeen.low || d.lastSeen.high : $Number(d.lastSeen) !== 0) {
                    if ($util.Long)
                        m.lastSeen = $util.Long.fromValue(d.lastSeen, false);
                    else if (typeof d.lastSeen === "string")
                        m.lastSeen = $parseInt(d.lastSeen, 10);
                    else if (typeof d.lastSeen === "number")
                        m.lastSeen = d.lastSeen;
                    else if (typeof d.lastSeen === "object")
                        m.lastSeen = new $util.LongBits(d.lastSeen.low >>> 0, d.lastSeen.high >>> 0).toNumber();
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a Presence message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.Presence
         * @static
         * @param {gochat.Presence} m Presence
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Presence.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.userId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.userId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                d.online = false;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, false);
                    d.lastSeen = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.lastSeen = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (m.userId != null && $Object.hasOwnProperty.call(m, "userId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.userId = typeof m.userId === "number" ? $BigInt(m.userId) : $util.Long.fromBits(m.userId.low >>> 0, m.userId.high >>> 0, true).toBigInt();
                else if (typeof m.userId === "number")
                    d.userId = o.longs === $String ? $String(m.userId) : m.userId;
                else
                    d.userId = o.longs === $String ? $util.Long.prototype.toString.call(m.userId) : o.longs === $Number ? new $util.LongBits(m.userId.low >>> 0, m.userId.high >>> 0).toNumber(true) : m.userId;
            }
            if (m.online != null && $Object.hasOwnProperty.call(m, "online")) {
                d.online = m.online;
            }
            if (m.lastSeen != null && $Object.hasOwnProperty.call(m, "lastSeen")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.lastSeen = typeof m.lastSeen === "number" ? $BigInt(m.lastSeen) : $util.Long.fromBits(m.lastSeen.low >>> 0, m.lastSeen.high >>> 0, false).toBigInt();
                else if (typeof m.lastSeen === "number")
                    d.lastSeen = o.longs === $String ? $String(m.lastSeen) : m.lastSeen;
                else
                    d.lastSeen = o.longs === $String ? $util.Long.prototype.toString.call(m.lastSeen) : o.longs === $Number ? new $util.LongBits(m.lastSeen.low >>> 0, m.lastSeen.high >>> 0).toNumber() : m.lastSeen;
            }
            return d;
        };

        /**
         * Converts this Presence to JSON.
         * @function toJSON
         * @memberof gochat.Presence
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Presence.prototype.toJSON = function() {
            return Presence.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Presence
         * @function getTypeUrl
         * @memberof gochat.Presence
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Presence.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.Presence";
        };

        return Presence;
    })();

    gochat.PresenceMsg = (function() {

        /**
         * Properties of a PresenceMsg.
         * @typedef {Object} gochat.PresenceMsg.$Properties
         * @property {Array.<gochat.Presence.$Properties>|null} [presences] PresenceMsg presences
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a PresenceMsg.
         * @memberof gochat
         * @interface IPresenceMsg
         * @augments gochat.PresenceMsg.$Properties
         * @deprecated Use gochat.PresenceMsg.$Properties instead.
         */

        /**
         * Shape of a PresenceMsg.
         * @typedef {gochat.PresenceMsg.$Properties} gochat.PresenceMsg.$Shape
         */

        /**
         * Constructs a new PresenceMsg.
         * @memberof gochat
         * @classdesc Represents a PresenceMsg.
         * @constructor
         * @param {gochat.PresenceMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const PresenceMsg = function (p) {
            this.presences = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * PresenceMsg presences.
         * @member {Array.<gochat.Presence.$Properties>} presences
         * @memberof gochat.PresenceMsg
         * @instance
         */
        PresenceMsg.prototype.presences = $util.emptyArray;

        /**
         * Creates a new PresenceMsg instance using the specified properties.
         * @function create
         * @memberof gochat.PresenceMsg
         * @static
         * @param {gochat.PresenceMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.PresenceMsg} PresenceMsg instance
         * @type {{
         *   (properties: gochat.PresenceMsg.$Shape): gochat.PresenceMsg & gochat.PresenceMsg.$Shape;
         *   (properties?: gochat.PresenceMsg.$Properties): gochat.PresenceMsg;
         * }}
         */
        PresenceMsg.create = function(properties) {
            return new PresenceMsg(properties);
        };

        /**
         * Encodes the specified PresenceMsg message. Does not implicitly {@link gochat.PresenceMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.PresenceMsg
         * @static
         * @param {gochat.PresenceMsg.$Properties} m PresenceMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        PresenceMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.presences != null && m.presences.length) {
                for (var i = 0; i < m.presences.length; ++i)
                    $root.gochat.Presence.encode(m.presences[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a PresenceMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.PresenceMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.PresenceMsg & gochat.PresenceMsg.$Shape} PresenceMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        PresenceMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.PresenceMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.presences && m.presences.length))
                            m.presences = [];
                        m.presences.push($root.gochat.Presence.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a PresenceMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.PresenceMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.PresenceMsg} PresenceMsg
         */
        PresenceMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.PresenceMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.PresenceMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.PresenceMsg();
            if (d.presences) {
                if (!$Array.isArray(d.presences))
                    throw $TypeError(".gochat.PresenceMsg.presences: array expected");
                m.presences = $Array(d.presences.length);
                for (var i = 0; i < d.presences.length; ++i) {
                    if (!$util.isObject(d.presences[i]))
                        throw $TypeError(".gochat.PresenceMsg.presences: object expected");
                    m.presences[i] = $root.gochat.Presence.fromObject(d.presences[i], q + 1);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a PresenceMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.PresenceMsg
         * @static
         * @param {gochat.PresenceMsg} m PresenceMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        PresenceMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.arrays || o.defaults) {
                d.presences = [];
            }
            if (m.presences && m.presences.length) {
                d.presences = $Array(m.presences.length);
                for (var j = 0; j < m.presences.length; ++j) {
                    d.presences[j] = $root.gochat.Presence.toObject(m.presences[j], o, q + 1);
                }
            }
            return d;
        };

        /**
         * Converts this PresenceMsg to JSON.
         * @function toJSON
         * @memberof gochat.PresenceMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        PresenceMsg.prototype.toJSON = function() {
            return PresenceMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for PresenceMsg
         * @function getTypeUrl
         * @memberof gochat.PresenceMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        PresenceMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.PresenceMsg";
        };

        return PresenceMsg;
    })();

    gochat.Conversation = (function() {

        /**
         * Properties of a Conversation.
         * @typedef {Object} gochat.Conversation.$Properties
         * @property {gochat.SessionType|null} [sessionType] Conversation sessionType
         * @property {number|null} [peerId] Conversation peerId
         * @property {gochat.Message.$Properties|null} [lastMessage] Conversation lastMessage
         * @property {number|null} [readSeq] Conversation readSeq
         * @property {number|null} [unread] Conversation unread
         * @property {number|null} [peerReadSeq] Conversation peerReadSeq
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Conversation.
         * @memberof gochat
         * @interface IConversation
         * @augments gochat.Conversation.$Properties
         * @deprecated Use gochat.Conversation.$Properties instead.
         */

        /**
         * Shape of a Conversation.
         * @typedef {gochat.Conversation.$Properties} gochat.Conversation.$Shape
         */

        /**
         * Constructs a new Conversation.
         * @memberof gochat
         * @classdesc Represents a Conversation.
         * @constructor
         * @param {gochat.Conversation.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Conversation = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Conversation sessionType.
         * @member {gochat.SessionType} sessionType
         * @memberof gochat.Conversation
         * @instance
         */
        Conversation.prototype.sessionType = 0;

        /**
         * Conversation peerId.
         * @member {number} peerId
         * @memberof gochat.Conversation
         * @instance
         */
        Conversation.prototype.peerId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Conversation lastMessage.
         * @member {gochat.Message.$Properties|null|undefined} lastMessage
         * @memberof gochat.Conversation
         * @instance
         */
        Conversation.prototype.lastMessage = null;

        /**
         * Conversation readSeq.
         * @member {number} readSeq
         * @memberof gochat.Conversation
         * @instance
         */
        Conversation.prototype.readSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Conversation unread.
         * @member {number} unread
         * @memberof gochat.Conversation
         * @instance
         */
        Conversation.prototype.unread = 0;

        /**
         * Conversation peerReadSeq.
         * @member {number} peerReadSeq
         * @memberof gochat.Conversation
         * @instance
         */
        Conversation.prototype.peerReadSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new Conversation instance using the specified properties.
         * @function create
         * @memberof gochat.Conversation
         * @static
         * @param {gochat.Conversation.$Properties=} [properties] Properties to set
         * @returns {gochat.Conversation} Conversation instance
         * @type {{
         *   (properties: gochat.Conversation.$Shape): gochat.Conversation & gochat.Conversation.$Shape;
         *   (properties?: gochat.Conversation.$Properties): gochat.Conversation;
         * }}
         */
        Conversation.create = function(properties) {
            return new Conversation(properties);
        };

        /**
         * Encodes the specified Conversation message. Does not implicitly {@link gochat.Conversation.verify|verify} messages.
         * @function encode
         * @memberof gochat.Conversation
         * @static
         * @param {gochat.Conversation.$Properties} m Conversation message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Conversation.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.sessionType != null && $Object.hasOwnProperty.call(m, "sessionType") && m.sessionType !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).int32(m.sessionType);
            if (m.peerId != null && $Object.hasOwnProperty.call(m, "peerId") && (typeof m.peerId === "object" ? m.peerId.low || m.peerId.high : m.peerId !== 0))
                w.uint32(/* id 2, wireType 0 =*/16).uint64(m.peerId);
            if (m.lastMessage != null && $Object.hasOwnProperty.call(m, "lastMessage"))
                $root.gochat.Message.encode(m.lastMessage, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
            if (m.readSeq != null && $Object.hasOwnProperty.call(m, "readSeq") && (typeof m.readSeq === "object" ? m.readSeq.low || m.readSeq.high : m.readSeq !== 0))
                w.uint32(/* id 4, wireType 0 =*/32).uint64(m.readSeq);
            if (m.unread != null && $Object.hasOwnProperty.call(m, "unread") && m.unread !== 0)
                w.uint32(/* id 5, wireType 0 =*/40).uint32(m.unread);
            if (m.peerReadSeq != null && $Object.hasOwnProperty.call(m, "peerReadSeq") && (typeof m.peerReadSeq === "object" ? m.peerReadSeq.low || m.peerReadSeq.high : m.peerReadSeq !== 0))
                w.uint32(/* id 6, wireType 0 =*/48).uint64(m.peerReadSeq);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a Conversation message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.Conversation
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.Conversation & gochat.Conversation.$Shape} Conversation
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Conversation.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.Conversation();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.sessionType = v;
                        else
                            delete m.sessionType;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.peerId = v;
                        else
                            delete m.peerId;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        m.lastMessage = $root.gochat.Message.decode(r, r.size(), $undefined, q + 1, m.lastMessage);
                        continue;
                    }
                case 4: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.readSeq = v;
                        else
                            delete m.readSeq;
                        continue;
                    }
                case 5: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.unread = v;
                        else
                            delete m.unread;
                        continue;
                    }
                case 6: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.peerReadSeq = v;
                        else
                            delete m.peerReadSeq;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a Conversation message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.Conversation
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.Conversation} Conversation
         */
        Conversation.fromObject = function (d, q) {
            if (d instanceof $root.gochat.Conversation)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.Conversation: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.Conversation();
            if (d.sessionType !== 0 && (typeof d.sessionType !== "string" || $root.gochat.SessionType[d.sessionType] !== 0)) {
                switch (d.sessionType) {
                case "ST_UNKNOWN":
                case 0:
                    m.sessionType = 0;
                    break;
                case "ST_SINGLE":
                case 1:
                    m.sessionType = 1;
                    break;
                case "ST_GROUP":
                case 2:
                    m.sessionType = 2;
                    break;
                default:
                    if (typeof d.sessionType === "number" && (d.sessionType | 0) === d.sessionType)
                        m.sessionType = d.sessionType;
                }
            }
            if (d.peerId != null) {
                if (typeof d.peerId === "object" ? d.peerId.low || d.peerId.high : $Number(d.peerId) !== 0) {
                    if ($util.Long)
                        m.peerId = $util.Long.fromValue(d.peerId, true);
                    else if (typeof d.peerId === "string")
                        m.peerId = $parseInt(d.peerId, 10);
                    else if (typeof d.peerId === "number")
                        m.peerId = d.peerId;
                    else if (typeof d.peerId === "object")
                        m.peerId = new $util.LongBits(d.peerId.low >>> 0, d.peerId.high >>> 0).toNumber(true);
                }
            }
            if (d.lastMessage != null) {
                if (!$util.isObject(d.lastMessage))
                    throw $TypeError(".gochat.Conversation.lastMessage: object expected");
                m.lastMessage = $root.gochat.Message.fromObject(d.lastMessage, q + 1);
            }
            if (d.readSeq != null) {
                if (typeof d.readSeq === "object" ? d.readSeq.low || d.readSeq.high : $Number(d.readSeq) !== 0) {
                    if ($util.Long)
                        m.readSeq = $util.Long.fromValue(d.readSeq, true);
                    else if (typeof d.readSeq === "string")
                        m.readSeq = $parseInt(d.readSeq, 10);
                    else if (typeof d.readSeq === "number")
                        m.readSeq = d.readSeq;
                    else if (typeof d.readSeq === "object")
                        m.readSeq = new $util.LongBits(d.readSeq.low >>> 0, d.readSeq.high >>> 0).toNumber(true);
                }
            }
            if (d.unread != null) {
                if ($Number(d.unread) !== 0) {
                    m.unread = d.unread >>> 0;
                }
            }
            if (d.peerReadSeq != null) {
                if (typeof d.peerReadSeq === "object" ? d.peerReadSeq.low || d.peerReadSeq.high : $Number(d.peerReadSeq) !== 0) {
                    if ($util.Long)
                        m.peerReadSeq = $util.Long.fromValue(d.peerReadSeq, true);
                    else if (typeof d.peerReadSeq === "string")
                        m.peerReadSeq = $parseInt(d.peerReadSeq, 10);
                    else if (typeof d.peerReadSeq === "number")
                        m.peerReadSeq = d.peerReadSeq;
                    else if (typeof d.peerReadSeq === "object")
                        m.peerReadSeq = new $util.LongBits(d.peerReadSeq.low >>> 0, d.peerReadSeq.high >>> 0).toNumber(true);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a Conversation message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.Conversation
         * @static
         * @param {gochat.Conversation} m Conversation
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        Conversation.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                d.sessionType = o.enums === $String ? "ST_UNKNOWN" : 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.peerId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.peerId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                d.lastMessage = null;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.readSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.readSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                d.unread = 0;
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.peerReadSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.peerReadSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (m.sessionType != null && $Object.hasOwnProperty.call(m, "sessionType")) {
                d.sessionType = o.enums === $String ? $root.gochat.SessionType[m.sessionType] === $undefined ? m.sessionType : $root.gochat.SessionType[m.sessionType] : m.sessionType;
            }
            if (m.peerId != null && $Object.hasOwnProperty.call(m, "peerId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.peerId = typeof m.peerId === "number" ? $BigInt(m.peerId) : $util.Long.fromBits(m.peerId.low >>> 0, m.peerId.high >>> 0, true).toBigInt();
                else if (typeof m.peerId === "number")
                    d.peerId = o.longs === $String ? $String(m.peerId) : m.peerId;
                else
                    d.peerId = o.longs === $String ? $util.Long.prototype.toString.call(m.peerId) : o.longs === $Number ? new $util.LongBits(m.peerId.low >>> 0, m.peerId.high >>> 0).toNumber(true) : m.peerId;
            }
            if (m.lastMessage != null && $Object.hasOwnProperty.call(m, "lastMessage")) {
                d.lastMessage = $root.gochat.Message.toObject(m.lastMessage, o, q + 1);
            }
            if (m.readSeq != null && $Object.hasOwnProperty.call(m, "readSeq")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.readSeq = typeof m.readSeq === "number" ? $BigInt(m.readSeq) : $util.Long.fromBits(m.readSeq.low >>> 0, m.readSeq.high >>> 0, true).toBigInt();
                else if (typeof m.readSeq === "number")
                    d.readSeq = o.longs === $String ? $String(m.readSeq) : m.readSeq;
                else
                    d.readSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.readSeq) : o.longs === $Number ? new $util.LongBits(m.readSeq.low >>> 0, m.readSeq.high >>> 0).toNumber(true) : m.readSeq;
            }
            if (m.unread != null && $Object.hasOwnProperty.call(m, "unread")) {
                d.unread = m.unread;
            }
            if (m.peerReadSeq != null && $Object.hasOwnProperty.call(m, "peerReadSeq")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.peerReadSeq = typeof m.peerReadSeq === "number" ? $BigInt(m.peerReadSeq) : $util.Long.fromBits(m.peerReadSeq.low >>> 0, m.peerReadSeq.high >>> 0, true).toBigInt();
                else if (typeof m.peerReadSeq === "number")
                    d.peerReadSeq = o.longs === $String ? $String(m.peerReadSeq) : m.peerReadSeq;
                else
                    d.peerReadSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.peerReadSeq) : o.longs === $Number ? new $util.LongBits(m.peerReadSeq.low >>> 0, m.peerReadSeq.high >>> 0).toNumber(true) : m.peerReadSeq;
            }
            return d;
        };

        /**
         * Converts this Conversation to JSON.
         * @function toJSON
         * @memberof gochat.Conversation
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        Conversation.prototype.toJSON = function() {
            return Conversation.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for Conversation
         * @function getTypeUrl
         * @memberof gochat.Conversation
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Conversation.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.Conversation";
        };

        return Conversation;
    })();

    gochat.ConversationsInputMsg = (function() {

        /**
         * Properties of a ConversationsInputMsg.
         * @typedef {Object} gochat.ConversationsInputMsg.$Properties
         * @property {number|null} [limit] ConversationsInputMsg limit
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ConversationsInputMsg.
         * @memberof gochat
         * @interface IConversationsInputMsg
         * @augments gochat.ConversationsInputMsg.$Properties
         * @deprecated Use gochat.ConversationsInputMsg.$Properties instead.
         */

        /**
         * Shape of a ConversationsInputMsg.
         * @typedef {gochat.ConversationsInputMsg.$Properties} gochat.ConversationsInputMsg.$Shape
         */

        /**
         * Constructs a new ConversationsInputMsg.
         * @memberof gochat
         * @classdesc Represents a ConversationsInputMsg.
         * @constructor
         * @param {gochat.ConversationsInputMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ConversationsInputMsg = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * ConversationsInputMsg limit.
         * @member {number} limit
         * @memberof gochat.ConversationsInputMsg
         * @instance
         */
        ConversationsInputMsg.prototype.limit = 0;

        /**
         * Creates a new ConversationsInputMsg instance using the specified properties.
         * @function create
         * @memberof gochat.ConversationsInputMsg
         * @static
         * @param {gochat.ConversationsInputMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.ConversationsInputMsg} ConversationsInputMsg instance
         * @type {{
         *   (properties: gochat.ConversationsInputMsg.$Shape): gochat.ConversationsInputMsg & gochat.ConversationsInputMsg.$Shape;
         *   (properties?: gochat.ConversationsInputMsg.$Properties): gochat.ConversationsInputMsg;
         * }}
         */
        ConversationsInputMsg.create = function(properties) {
            return new ConversationsInputMsg(properties);
        };

        /**
         * Encodes the specified ConversationsInputMsg message. Does not implicitly {@link gochat.ConversationsInputMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.ConversationsInputMsg
         * @static
         * @param {gochat.ConversationsInputMsg.$Properties} m ConversationsInputMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ConversationsInputMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.limit != null && $Object.hasOwnProperty.call(m, "limit") && m.limit !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).uint32(m.limit);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a ConversationsInputMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.ConversationsInputMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.ConversationsInputMsg & gochat.ConversationsInputMsg.$Shape} ConversationsInputMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ConversationsInputMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.ConversationsInputMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.limit = v;
                        else
                            delete m.limit;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a ConversationsInputMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.ConversationsInputMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.ConversationsInputMsg} ConversationsInputMsg
         */
        ConversationsInputMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.ConversationsInputMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.ConversationsInputMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.ConversationsInputMsg();
            if (d.limit != null) {
                if ($Number(d.limit) !== 0) {
                    m.limit = d.limit >>> 0;
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a ConversationsInputMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.ConversationsInputMsg
         * @static
         * @param {gochat.ConversationsInputMsg} m ConversationsInputMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ConversationsInputMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                d.limit = 0;
            }
            if (m.limit != null && $Object.hasOwnProperty.call(m, "limit")) {
                d.limit = m.limit;
            }
            return d;
        };

        /**
         * Converts this ConversationsInputMsg to JSON.
         * @function toJSON
         * @memberof gochat.ConversationsInputMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ConversationsInputMsg.prototype.toJSON = function() {
            return ConversationsInputMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ConversationsInputMsg
         * @function getTypeUrl
         * @memberof gochat.ConversationsInputMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ConversationsInputMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.ConversationsInputMsg";
        };

        return ConversationsInputMsg;
    })();

    gochat.ConversationsOutputMsg = (function() {

        /**
         * Properties of a ConversationsOutputMsg.
         * @typedef {Object} gochat.ConversationsOutputMsg.$Properties
         * @property {Array.<gochat.Conversation.$Properties>|null} [conversations] ConversationsOutputMsg conversations
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ConversationsOutputMsg.
         * @memberof gochat
         * @interface IConversationsOutputMsg
         * @augments gochat.ConversationsOutputMsg.$Properties
         * @deprecated Use gochat.ConversationsOutputMsg.$Properties instead.
         */

        /**
         * Shape of a ConversationsOutputMsg.
         * @typedef {gochat.ConversationsOutputMsg.$Properties} gochat.ConversationsOutputMsg.$Shape
         */

        /**
         * Constructs a new ConversationsOutputMsg.
         * @memberof gochat
         * @classdesc Represents a ConversationsOutputMsg.
         * @constructor
         * @param {gochat.ConversationsOutputMsg.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ConversationsOutputMsg = function (p) {
            this.conversations = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * ConversationsOutputMsg conversations.
         * @member {Array.<gochat.Conversation.$Properties>} conversations
         * @memberof gochat.ConversationsOutputMsg
         * @instance
         */
        ConversationsOutputMsg.prototype.conversations = $util.emptyArray;

        /**
         * Creates a new ConversationsOutputMsg instance using the specified properties.
         * @function create
         * @memberof gochat.ConversationsOutputMsg
         * @static
         * @param {gochat.ConversationsOutputMsg.$Properties=} [properties] Properties to set
         * @returns {gochat.ConversationsOutputMsg} ConversationsOutputMsg instance
         * @type {{
         *   (properties: gochat.ConversationsOutputMsg.$Shape): gochat.ConversationsOutputMsg & gochat.ConversationsOutputMsg.$Shape;
         *   (properties?: gochat.ConversationsOutputMsg.$Properties): gochat.ConversationsOutputMsg;
         * }}
         */
        ConversationsOutputMsg.create = function(properties) {
            return new ConversationsOutputMsg(properties);
        };

        /**
         * Encodes the specified ConversationsOutputMsg message. Does not implicitly {@link gochat.ConversationsOutputMsg.verify|verify} messages.
         * @function encode
         * @memberof gochat.ConversationsOutputMsg
         * @static
         * @param {gochat.ConversationsOutputMsg.$Properties} m ConversationsOutputMsg message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ConversationsOutputMsg.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.conversations != null && m.conversations.length) {
                for (var i = 0; i < m.conversations.length; ++i)
                    $root.gochat.Conversation.encode(m.conversations[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a ConversationsOutputMsg message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.ConversationsOutputMsg
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.ConversationsOutputMsg & gochat.ConversationsOutputMsg.$Shape} ConversationsOutputMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ConversationsOutputMsg.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.ConversationsOutputMsg();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.conversations && m.conversations.length))
                            m.conversations = [];
                        m.conversations.push($root.gochat.Conversation.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a ConversationsOutputMsg message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.ConversationsOutputMsg
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.ConversationsOutputMsg} ConversationsOutputMsg
         */
        ConversationsOutputMsg.fromObject = function (d, q) {
            if (d instanceof $root.gochat.ConversationsOutputMsg)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.ConversationsOutputMsg: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.ConversationsOutputMsg();
            if (d.conversations) {
                if (!$Array.isArray(d.conversations))
                    throw $TypeError(".gochat.ConversationsOutputMsg.conversations: array expected");
                m.conversations = $Array(d.conversations.length);
                for (var i = 0; i < d.conversations.length; ++i) {
                    if (!$util.isObject(d.conversations[i]))
                        throw $TypeError(".gochat.ConversationsOutputMsg.conversations: object expected");
                    m.conversations[i] = $root.gochat.Conversation.fromObject(d.conversations[i], q + 1);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a ConversationsOutputMsg message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.ConversationsOutputMsg
         * @static
         * @param {gochat.ConversationsOutputMsg} m ConversationsOutputMsg
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        ConversationsOutputMsg.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.arrays || o.defaults) {
                d.conversations = [];
            }
            if (m.conversations && m.conversations.length) {
                d.conversations = $Array(m.conversations.length);
                for (var j = 0; j < m.conversations.length; ++j) {
                    d.conversations[j] = $root.gochat.Conversation.toObject(m.conversations[j], o, q + 1);
                }
            }
            return d;
        };

        /**
         * Converts this ConversationsOutputMsg to JSON.
         * @function toJSON
         * @memberof gochat.ConversationsOutputMsg
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        ConversationsOutputMsg.prototype.toJSON = function() {
            return ConversationsOutputMsg.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for ConversationsOutputMsg
         * @function getTypeUrl
         * @memberof gochat.ConversationsOutputMsg
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ConversationsOutputMsg.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.ConversationsOutputMsg";
        };

        return ConversationsOutputMsg;
    })();

    gochat.RecallContent = (function() {

        /**
         * Properties of a RecallContent.
         * @typedef {Object} gochat.RecallContent.$Properties
         * @property {number|null} [msgId] RecallContent msgId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RecallContent.
         * @memberof gochat
         * @interface IRecallContent
         * @augments gochat.RecallContent.$Properties
         * @deprecated Use gochat.RecallContent.$Properties instead.
         */

        /**
         * Shape of a RecallContent.
         * @typedef {gochat.RecallContent.$Properties} gochat.RecallContent.$Shape
         */

        /**
         * Constructs a new RecallContent.
         * @memberof gochat
         * @classdesc Represents a RecallContent.
         * @constructor
         * @param {gochat.RecallContent.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RecallContent = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * RecallContent msgId.
         * @member {number} msgId
         * @memberof gochat.RecallContent
         * @instance
         */
        RecallContent.prototype.msgId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new RecallContent instance using the specified properties.
         * @function create
         * @memberof gochat.RecallContent
         * @static
         * @param {gochat.RecallContent.$Properties=} [properties] Properties to set
         * @returns {gochat.RecallContent} RecallContent instance
         * @type {{
         *   (properties: gochat.RecallContent.$Shape): gochat.RecallContent & gochat.RecallContent.$Shape;
         *   (properties?: gochat.RecallContent.$Properties): gochat.RecallContent;
         * }}
         */
        RecallContent.create = function(properties) {
            return new RecallContent(properties);
        };

        /**
         * Encodes the specified RecallContent message. Does not implicitly {@link gochat.RecallContent.verify|verify} messages.
         * @function encode
         * @memberof gochat.RecallContent
         * @static
         * @param {gochat.RecallContent.$Properties} m RecallContent message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RecallContent.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.msgId != null && $Object.hasOwnProperty.call(m, "msgId") && (typeof m.msgId === "object" ? m.msgId.low || m.msgId.high : m.msgId !== 0))
                w.uint32(/* id 1, wireType 0 =*/8).uint64(m.msgId);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a RecallContent message from the specified reader or buffer.
         * @function decode
         * @memberof gochat.RecallContent
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {gochat.RecallContent & gochat.RecallContent.$Shape} RecallContent
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RecallContent.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.gochat.RecallContent();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                            m.msgId = v;
                        else
                            delete m.msgId;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Creates a RecallContent message from a plain object. Also converts values to their respective internal types.
         * @function fromObject
         * @memberof gochat.RecallContent
         * @static
         * @param {Object.<string,*>} d Plain object
         * @returns {gochat.RecallContent} RecallContent
         */
        RecallContent.fromObject = function (d, q) {
            if (d instanceof $root.gochat.RecallContent)
                return d;
            if (!$util.isObject(d))
                throw $TypeError(".gochat.RecallContent: object expected");
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var m = new $root.gochat.RecallContent();
            if (d.msgId != null) {
                if (typeof d.msgId === "object" ? d.msgId.low || d.msgId.high : $Number(d.msgId) !== 0) {
                    if ($util.Long)
                        m.msgId = $util.Long.fromValue(d.msgId, true);
                    else if (typeof d.msgId === "string")
                        m.msgId = $parseInt(d.msgId, 10);
                    else if (typeof d.msgId === "number")
                        m.msgId = d.msgId;
                    else if (typeof d.msgId === "object")
                        m.msgId = new $util.LongBits(d.msgId.low >>> 0, d.msgId.high >>> 0).toNumber(true);
                }
            }
            return m;
        };

        /**
         * Creates a plain object from a RecallContent message. Also converts values to other types if specified.
         * @function toObject
         * @memberof gochat.RecallContent
         * @static
         * @param {gochat.RecallContent} m RecallContent
         * @param {$protobuf.IConversionOptions} [o] Conversion options
         * @returns {Object.<string,*>} Plain object
         */
        RecallContent.toObject = function (m, o, q) {
            if (!o)
                o = {};
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            var d = {};
            if (o.defaults) {
                if ($util.Long) {
                    var n = new $util.Long(0, 0, true);
                    d.msgId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                } else
                    d.msgId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
            }
            if (m.msgId != null && $Object.hasOwnProperty.call(m, "msgId")) {
                if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                    d.msgId = typeof m.msgId === "number" ? $BigInt(m.msgId) : $util.Long.fromBits(m.msgId.low >>> 0, m.msgId.high >>> 0, true).toBigInt();
                else if (typeof m.msgId === "number")
                    d.msgId = o.longs === $String ? $String(m.msgId) : m.msgId;
                else
                    d.msgId = o.longs === $String ? $util.Long.prototype.toString.call(m.msgId) : o.longs === $Number ? new $util.LongBits(m.msgId.low >>> 0, m.msgId.high >>> 0).toNumber(true) : m.msgId;
            }
            return d;
        };

        /**
         * Converts this RecallContent to JSON.
         * @function toJSON
         * @memberof gochat.RecallContent
         * @instance
         * @returns {Object.<string,*>} JSON object
         */
        RecallContent.prototype.toJSON = function() {
            return RecallContent.toObject(this, $protobuf.util.toJSONOptions);
        };

        /**
         * Gets the type url for RecallContent
         * @function getTypeUrl
         * @memberof gochat.RecallContent
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        RecallContent.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/gochat.RecallContent";
        };

        return RecallContent;
    })();

    return gochat;
})();

export {
  $root as default
};
