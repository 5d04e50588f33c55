import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace gochat. */
export namespace gochat {

    /** CmdType enum. */
    enum CmdType {

        /** CT_UNKNOWN value */
        CT_UNKNOWN = 0,

        /** CT_LOGIN value */
        CT_LOGIN = 1,

        /** CT_HEARTBEAT value */
        CT_HEARTBEAT = 2,

        /** CT_MESSAGE value */
        CT_MESSAGE = 3,

        /** CT_ACK value */
        CT_ACK = 4,

        /** CT_SYNC value */
        CT_SYNC = 5
    }

    /** SessionType enum. */
    enum SessionType {

        /** ST_UNKNOWN value */
        ST_UNKNOWN = 0,

        /** ST_SINGLE value */
        ST_SINGLE = 1,

        /** ST_GROUP value */
        ST_GROUP = 2
    }

    /** MessageType enum. */
    enum MessageType {

        /** MT_UNKNOWN value */
        MT_UNKNOWN = 0,

        /** MT_TEXT value */
        MT_TEXT = 1,

        /** MT_PICTURE value */
        MT_PICTURE = 2,

        /** MT_VOICE value */
        MT_VOICE = 3
    }

    /** ACKType enum. */
    enum ACKType {

        /** AT_UNKNOWN value */
        AT_UNKNOWN = 0,

        /** AT_UP value */
        AT_UP = 1,

        /** AT_PUSH value */
        AT_PUSH = 2,

        /** AT_LOGIN value */
        AT_LOGIN = 3
    }

    /**
     * Properties of an Input.
     * @deprecated Use gochat.Input.$Properties instead.
     */
    interface IInput extends gochat.Input.$Properties {
    }

    /** Represents an Input. */
    class Input {

        /**
         * Constructs a new Input.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.Input.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Input type. */
        type: gochat.CmdType;

        /** Input data. */
        data: Uint8Array;

        /**
         * Creates a new Input instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Input instance
         */
        static create(properties: gochat.Input.$Shape): gochat.Input & gochat.Input.$Shape;
        static create(properties?: gochat.Input.$Properties): gochat.Input;

        /**
         * Encodes the specified Input message. Does not implicitly {@link gochat.Input.verify|verify} messages.
         * @param m Input message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.Input.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Input message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.Input & gochat.Input.$Shape} Input
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.Input & gochat.Input.$Shape;

        /**
         * Creates an Input message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns Input
         */
        static fromObject(d: { [k: string]: any }): gochat.Input;

        /**
         * Creates a plain object from an Input message. Also converts values to other types if specified.
         * @param m Input
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.Input, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Input to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Input
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Input {

        /** Properties of an Input. */
        interface $Properties {

            /** Input type */
            type?: (gochat.CmdType|null);

            /** Input data */
            data?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Input. */
        type $Shape = gochat.Input.$Properties;
    }

    /**
     * Properties of an Output.
     * @deprecated Use gochat.Output.$Properties instead.
     */
    interface IOutput extends gochat.Output.$Properties {
    }

    /** Represents an Output. */
    class Output {

        /**
         * Constructs a new Output.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.Output.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Output type. */
        type: gochat.CmdType;

        /** Output code. */
        code: number;

        /** Output codeMsg. */
        codeMsg: string;

        /** Output data. */
        data: Uint8Array;

        /**
         * Creates a new Output instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Output instance
         */
        static create(properties: gochat.Output.$Shape): gochat.Output & gochat.Output.$Shape;
        static create(properties?: gochat.Output.$Properties): gochat.Output;

        /**
         * Encodes the specified Output message. Does not implicitly {@link gochat.Output.verify|verify} messages.
         * @param m Output message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.Output.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Output message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.Output & gochat.Output.$Shape} Output
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.Output & gochat.Output.$Shape;

        /**
         * Creates an Output message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns Output
         */
        static fromObject(d: { [k: string]: any }): gochat.Output;

        /**
         * Creates a plain object from an Output message. Also converts values to other types if specified.
         * @param m Output
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.Output, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Output to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Output
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Output {

        /** Properties of an Output. */
        interface $Properties {

            /** Output type */
            type?: (gochat.CmdType|null);

            /** Output code */
            code?: (number|null);

            /** Output codeMsg */
            codeMsg?: (string|null);

            /** Output data */
            data?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Output. */
        type $Shape = gochat.Output.$Properties;
    }

    /**
     * Properties of an OutputBatch.
     * @deprecated Use gochat.OutputBatch.$Properties instead.
     */
    interface IOutputBatch extends gochat.OutputBatch.$Properties {
    }

    /** Represents an OutputBatch. */
    class OutputBatch {

        /**
         * Constructs a new OutputBatch.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.OutputBatch.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** OutputBatch outputs. */
        outputs: Uint8Array[];

        /**
         * Creates a new OutputBatch instance using the specified properties.
         * @param [properties] Properties to set
         * @returns OutputBatch instance
         */
        static create(properties: gochat.OutputBatch.$Shape): gochat.OutputBatch & gochat.OutputBatch.$Shape;
        static create(properties?: gochat.OutputBatch.$Properties): gochat.OutputBatch;

        /**
         * Encodes the specified OutputBatch message. Does not implicitly {@link gochat.OutputBatch.verify|verify} messages.
         * @param m OutputBatch message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.OutputBatch.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an OutputBatch message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.OutputBatch & gochat.OutputBatch.$Shape} OutputBatch
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.OutputBatch & gochat.OutputBatch.$Shape;

        /**
         * Creates an OutputBatch message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns OutputBatch
         */
        static fromObject(d: { [k: string]: any }): gochat.OutputBatch;

        /**
         * Creates a plain object from an OutputBatch message. Also converts values to other types if specified.
         * @param m OutputBatch
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.OutputBatch, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this OutputBatch to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for OutputBatch
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace OutputBatch {

        /** Properties of an OutputBatch. */
        interface $Properties {

            /** OutputBatch outputs */
            outputs?: (Uint8Array[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an OutputBatch. */
        type $Shape = gochat.OutputBatch.$Properties;
    }

    /**
     * Properties of a LoginMsg.
     * @deprecated Use gochat.LoginMsg.$Properties instead.
     */
    interface ILoginMsg extends gochat.LoginMsg.$Properties {
    }

    /** Represents a LoginMsg. */
    class LoginMsg {

        /**
         * Constructs a new LoginMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.LoginMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** LoginMsg token. */
        token: Uint8Array;

        /** LoginMsg deviceId. */
        deviceId: string;

        /**
         * Creates a new LoginMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns LoginMsg instance
         */
        static create(properties: gochat.LoginMsg.$Shape): gochat.LoginMsg & gochat.LoginMsg.$Shape;
        static create(properties?: gochat.LoginMsg.$Properties): gochat.LoginMsg;

        /**
         * Encodes the specified LoginMsg message. Does not implicitly {@link gochat.LoginMsg.verify|verify} messages.
         * @param m LoginMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.LoginMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a LoginMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.LoginMsg & gochat.LoginMsg.$Shape} LoginMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.LoginMsg & gochat.LoginMsg.$Shape;

        /**
         * Creates a LoginMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns LoginMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.LoginMsg;

        /**
         * Creates a plain object from a LoginMsg message. Also converts values to other types if specified.
         * @param m LoginMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.LoginMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this LoginMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for LoginMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace LoginMsg {

        /** Properties of a LoginMsg. */
        interface $Properties {

            /** LoginMsg token */
            token?: (Uint8Array|null);

            /** LoginMsg deviceId */
            deviceId?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a LoginMsg. */
        type $Shape = gochat.LoginMsg.$Properties;
    }

    /**
     * Properties of a HeartbeatMsg.
     * @deprecated Use gochat.HeartbeatMsg.$Properties instead.
     */
    interface IHeartbeatMsg extends gochat.HeartbeatMsg.$Properties {
    }

    /** Represents a HeartbeatMsg. */
    class HeartbeatMsg {

        /**
         * Constructs a new HeartbeatMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.HeartbeatMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /**
         * Creates a new HeartbeatMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns HeartbeatMsg instance
         */
        static create(properties: gochat.HeartbeatMsg.$Shape): gochat.HeartbeatMsg & gochat.HeartbeatMsg.$Shape;
        static create(properties?: gochat.HeartbeatMsg.$Properties): gochat.HeartbeatMsg;

        /**
         * Encodes the specified HeartbeatMsg message. Does not implicitly {@link gochat.HeartbeatMsg.verify|verify} messages.
         * @param m HeartbeatMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.HeartbeatMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a HeartbeatMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.HeartbeatMsg & gochat.HeartbeatMsg.$Shape} HeartbeatMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.HeartbeatMsg & gochat.HeartbeatMsg.$Shape;

        /**
         * Creates a HeartbeatMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns HeartbeatMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.HeartbeatMsg;

        /**
         * Creates a plain object from a HeartbeatMsg message. Also converts values to other types if specified.
         * @param m HeartbeatMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.HeartbeatMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this HeartbeatMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for HeartbeatMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace HeartbeatMsg {

        /** Properties of a HeartbeatMsg. */
        interface $Properties {

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a HeartbeatMsg. */
        type $Shape = gochat.HeartbeatMsg.$Properties;
    }

    /**
     * Properties of an UpMsg.
     * @deprecated Use gochat.UpMsg.$Properties instead.
     */
    interface IUpMsg extends gochat.UpMsg.$Properties {
    }

    /** Represents an UpMsg. */
    class UpMsg {

        /**
         * Constructs a new UpMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.UpMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** UpMsg msg. */
        msg?: (gochat.Message.$Properties|null);

        /** UpMsg clientId. */
        clientId: number;

        /**
         * Creates a new UpMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns UpMsg instance
         */
        static create(properties: gochat.UpMsg.$Shape): gochat.UpMsg & gochat.UpMsg.$Shape;
        static create(properties?: gochat.UpMsg.$Properties): gochat.UpMsg;

        /**
         * Encodes the specified UpMsg message. Does not implicitly {@link gochat.UpMsg.verify|verify} messages.
         * @param m UpMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.UpMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an UpMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.UpMsg & gochat.UpMsg.$Shape} UpMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.UpMsg & gochat.UpMsg.$Shape;

        /**
         * Creates an UpMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns UpMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.UpMsg;

        /**
         * Creates a plain object from an UpMsg message. Also converts values to other types if specified.
         * @param m UpMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.UpMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this UpMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for UpMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace UpMsg {

        /** Properties of an UpMsg. */
        interface $Properties {

            /** UpMsg msg */
            msg?: (gochat.Message.$Properties|null);

            /** UpMsg clientId */
            clientId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an UpMsg. */
        type $Shape = gochat.UpMsg.$Properties;
    }

    /**
     * Properties of a PushMsg.
     * @deprecated Use gochat.PushMsg.$Properties instead.
     */
    interface IPushMsg extends gochat.PushMsg.$Properties {
    }

    /** Represents a PushMsg. */
    class PushMsg {

        /**
         * Constructs a new PushMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.PushMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** PushMsg msg. */
        msg?: (gochat.Message.$Properties|null);

        /**
         * Creates a new PushMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns PushMsg instance
         */
        static create(properties: gochat.PushMsg.$Shape): gochat.PushMsg & gochat.PushMsg.$Shape;
        static create(properties?: gochat.PushMsg.$Properties): gochat.PushMsg;

        /**
         * Encodes the specified PushMsg message. Does not implicitly {@link gochat.PushMsg.verify|verify} messages.
         * @param m PushMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.PushMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a PushMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.PushMsg & gochat.PushMsg.$Shape} PushMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.PushMsg & gochat.PushMsg.$Shape;

        /**
         * Creates a PushMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns PushMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.PushMsg;

        /**
         * Creates a plain object from a PushMsg message. Also converts values to other types if specified.
         * @param m PushMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.PushMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this PushMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for PushMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace PushMsg {

        /** Properties of a PushMsg. */
        interface $Properties {

            /** PushMsg msg */
            msg?: (gochat.Message.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a PushMsg. */
        type $Shape = gochat.PushMsg.$Properties;
    }

    /**
     * Properties of a SyncInputMsg.
     * @deprecated Use gochat.SyncInputMsg.$Properties instead.
     */
    interface ISyncInputMsg extends gochat.SyncInputMsg.$Properties {
    }

    /** Represents a SyncInputMsg. */
    class SyncInputMsg {

        /**
         * Constructs a new SyncInputMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.SyncInputMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SyncInputMsg seq. */
        seq: number;

        /** SyncInputMsg limit. */
        limit: number;

        /**
         * Creates a new SyncInputMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns SyncInputMsg instance
         */
        static create(properties: gochat.SyncInputMsg.$Shape): gochat.SyncInputMsg & gochat.SyncInputMsg.$Shape;
        static create(properties?: gochat.SyncInputMsg.$Properties): gochat.SyncInputMsg;

        /**
         * Encodes the specified SyncInputMsg message. Does not implicitly {@link gochat.SyncInputMsg.verify|verify} messages.
         * @param m SyncInputMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.SyncInputMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SyncInputMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.SyncInputMsg & gochat.SyncInputMsg.$Shape} SyncInputMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.SyncInputMsg & gochat.SyncInputMsg.$Shape;

        /**
         * Creates a SyncInputMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns SyncInputMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.SyncInputMsg;

        /**
         * Creates a plain object from a SyncInputMsg message. Also converts values to other types if specified.
         * @param m SyncInputMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.SyncInputMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this SyncInputMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for SyncInputMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace SyncInputMsg {

        /** Properties of a SyncInputMsg. */
        interface $Properties {

            /** SyncInputMsg seq */
            seq?: (number|null);

            /** SyncInputMsg limit */
            limit?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SyncInputMsg. */
        type $Shape = gochat.SyncInputMsg.$Properties;
    }

    /**
     * Properties of a SyncOutputMsg.
     * @deprecated Use gochat.SyncOutputMsg.$Properties instead.
     */
    interface ISyncOutputMsg extends gochat.SyncOutputMsg.$Properties {
    }

    /** Represents a SyncOutputMsg. */
    class SyncOutputMsg {

        /**
         * Constructs a new SyncOutputMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.SyncOutputMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SyncOutputMsg messages. */
        messages: gochat.Message.$Properties[];

        /** SyncOutputMsg hasMore. */
        hasMore: boolean;

        /** SyncOutputMsg nextSeq. */
        nextSeq: number;

        /** SyncOutputMsg latestSeq. */
        latestSeq: number;

        /**
         * Creates a new SyncOutputMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns SyncOutputMsg instance
         */
        static create(properties: gochat.SyncOutputMsg.$Shape): gochat.SyncOutputMsg & gochat.SyncOutputMsg.$Shape;
        static create(properties?: gochat.SyncOutputMsg.$Properties): gochat.SyncOutputMsg;

        /**
         * Encodes the specified SyncOutputMsg message. Does not implicitly {@link gochat.SyncOutputMsg.verify|verify} messages.
         * @param m SyncOutputMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.SyncOutputMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SyncOutputMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.SyncOutputMsg & gochat.SyncOutputMsg.$Shape} SyncOutputMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.SyncOutputMsg & gochat.SyncOutputMsg.$Shape;

        /**
         * Creates a SyncOutputMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns SyncOutputMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.SyncOutputMsg;

        /**
         * Creates a plain object from a SyncOutputMsg message. Also converts values to other types if specified.
         * @param m SyncOutputMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.SyncOutputMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this SyncOutputMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for SyncOutputMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace SyncOutputMsg {

        /** Properties of a SyncOutputMsg. */
        interface $Properties {

            /** SyncOutputMsg messages */
            messages?: (gochat.Message.$Properties[]|null);

            /** SyncOutputMsg hasMore */
            hasMore?: (boolean|null);

            /** SyncOutputMsg nextSeq */
            nextSeq?: (number|null);

            /** SyncOutputMsg latestSeq */
            latestSeq?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SyncOutputMsg. */
        type $Shape = gochat.SyncOutputMsg.$Properties;
    }

    /**
     * Properties of a ACKMsg.
     * @deprecated Use gochat.ACKMsg.$Properties instead.
     */
    interface IACKMsg extends gochat.ACKMsg.$Properties {
    }

    /** Represents a ACKMsg. */
    class ACKMsg {

        /**
         * Constructs a new ACKMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.ACKMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ACKMsg type. */
        type: gochat.ACKType;

        /** ACKMsg clientId. */
        clientId: number;

        /** ACKMsg seq. */
        seq: number;

        /**
         * Creates a new ACKMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ACKMsg instance
         */
        static create(properties: gochat.ACKMsg.$Shape): gochat.ACKMsg & gochat.ACKMsg.$Shape;
        static create(properties?: gochat.ACKMsg.$Properties): gochat.ACKMsg;

        /**
         * Encodes the specified ACKMsg message. Does not implicitly {@link gochat.ACKMsg.verify|verify} messages.
         * @param m ACKMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.ACKMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ACKMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.ACKMsg & gochat.ACKMsg.$Shape} ACKMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.ACKMsg & gochat.ACKMsg.$Shape;

        /**
         * Creates a ACKMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns ACKMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.ACKMsg;

        /**
         * Creates a plain object from a ACKMsg message. Also converts values to other types if specified.
         * @param m ACKMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.ACKMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ACKMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ACKMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ACKMsg {

        /** Properties of a ACKMsg. */
        interface $Properties {

            /** ACKMsg type */
            type?: (gochat.ACKType|null);

            /** ACKMsg clientId */
            clientId?: (number|null);

            /** ACKMsg seq */
            seq?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ACKMsg. */
        type $Shape = gochat.ACKMsg.$Properties;
    }

    /**
     * Properties of a Message.
     * @deprecated Use gochat.Message.$Properties instead.
     */
    interface IMessage extends gochat.Message.$Properties {
    }

    /** Represents a Message. */
    class Message {

        /**
         * Constructs a new Message.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.Message.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Message sessionType. */
        sessionType: gochat.SessionType;

        /** Message receiverId. */
        receiverId: number;

        /** Message senderId. */
        senderId: number;

        /** Message messageType. */
        messageType: gochat.MessageType;

        /** Message content. */
        content: Uint8Array;

        /** Message seq. */
        seq: number;

        /** Message sendTime. */
        sendTime: number;

        /** Message msgId. */
        msgId: number;

        /**
         * Creates a new Message instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Message instance
         */
        static create(properties: gochat.Message.$Shape): gochat.Message & gochat.Message.$Shape;
        static create(properties?: gochat.Message.$Properties): gochat.Message;

        /**
         * Encodes the specified Message message. Does not implicitly {@link gochat.Message.verify|verify} messages.
         * @param m Message message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.Message.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Message message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.Message & gochat.Message.$Shape} Message
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.Message & gochat.Message.$Shape;

        /**
         * Creates a Message message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns Message
         */
        static fromObject(d: { [k: string]: any }): gochat.Message;

        /**
         * Creates a plain object from a Message message. Also converts values to other types if specified.
         * @param m Message
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.Message, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Message to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Message
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Message {

        /** Properties of a Message. */
        interface $Properties {

            /** Message sessionType */
            sessionType?: (gochat.SessionType|null);

            /** Message receiverId */
            receiverId?: (number|null);

            /** Message senderId */
            senderId?: (number|null);

            /** Message messageType */
            messageType?: (gochat.MessageType|null);

            /** Message content */
            content?: (Uint8Array|null);

            /** Message seq */
            seq?: (number|null);

            /** Message sendTime */
            sendTime?: (number|null);

            /** Message msgId */
            msgId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Message. */
        type $Shape = gochat.Message.$Properties;
    }
}
