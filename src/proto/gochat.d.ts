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
        CT_SYNC = 5,

        /** CT_READ value */
        CT_READ = 6,

        /** CT_TYPING value */
        CT_TYPING = 7,

        /** CT_PRESENCE value */
        CT_PRESENCE = 8,

        /** CT_CONVERSATIONS value */
        CT_CONVERSATIONS = 9
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
        MT_VOICE = 3,

        /** MT_RECALL value */
        MT_RECALL = 4,

        /** MT_RECALLED value */
        MT_RECALLED = 5
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

        /** ACKMsg msgId. */
        msgId: number;

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

            /** ACKMsg msgId */
            msgId?: (number|null);

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

    /**
     * Properties of a ReadMsg.
     * @deprecated Use gochat.ReadMsg.$Properties instead.
     */
    interface IReadMsg extends gochat.ReadMsg.$Properties {
    }

    /** Represents a ReadMsg. */
    class ReadMsg {

        /**
         * Constructs a new ReadMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.ReadMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ReadMsg sessionType. */
        sessionType: gochat.SessionType;

        /** ReadMsg peerId. */
        peerId: number;

        /** ReadMsg seq. */
        seq: number;

        /** ReadMsg readerId. */
        readerId: number;

        /**
         * Creates a new ReadMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ReadMsg instance
         */
        static create(properties: gochat.ReadMsg.$Shape): gochat.ReadMsg & gochat.ReadMsg.$Shape;
        static create(properties?: gochat.ReadMsg.$Properties): gochat.ReadMsg;

        /**
         * Encodes the specified ReadMsg message. Does not implicitly {@link gochat.ReadMsg.verify|verify} messages.
         * @param m ReadMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.ReadMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ReadMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.ReadMsg & gochat.ReadMsg.$Shape} ReadMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.ReadMsg & gochat.ReadMsg.$Shape;

        /**
         * Creates a ReadMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns ReadMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.ReadMsg;

        /**
         * Creates a plain object from a ReadMsg message. Also converts values to other types if specified.
         * @param m ReadMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.ReadMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ReadMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ReadMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ReadMsg {

        /** Properties of a ReadMsg. */
        interface $Properties {

            /** ReadMsg sessionType */
            sessionType?: (gochat.SessionType|null);

            /** ReadMsg peerId */
            peerId?: (number|null);

            /** ReadMsg seq */
            seq?: (number|null);

            /** ReadMsg readerId */
            readerId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ReadMsg. */
        type $Shape = gochat.ReadMsg.$Properties;
    }

    /**
     * Properties of a TypingMsg.
     * @deprecated Use gochat.TypingMsg.$Properties instead.
     */
    interface ITypingMsg extends gochat.TypingMsg.$Properties {
    }

    /** Represents a TypingMsg. */
    class TypingMsg {

        /**
         * Constructs a new TypingMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.TypingMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** TypingMsg sessionType. */
        sessionType: gochat.SessionType;

        /** TypingMsg peerId. */
        peerId: number;

        /** TypingMsg userId. */
        userId: number;

        /** TypingMsg typing. */
        typing: boolean;

        /**
         * Creates a new TypingMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns TypingMsg instance
         */
        static create(properties: gochat.TypingMsg.$Shape): gochat.TypingMsg & gochat.TypingMsg.$Shape;
        static create(properties?: gochat.TypingMsg.$Properties): gochat.TypingMsg;

        /**
         * Encodes the specified TypingMsg message. Does not implicitly {@link gochat.TypingMsg.verify|verify} messages.
         * @param m TypingMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.TypingMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a TypingMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.TypingMsg & gochat.TypingMsg.$Shape} TypingMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.TypingMsg & gochat.TypingMsg.$Shape;

        /**
         * Creates a TypingMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns TypingMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.TypingMsg;

        /**
         * Creates a plain object from a TypingMsg message. Also converts values to other types if specified.
         * @param m TypingMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.TypingMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this TypingMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for TypingMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace TypingMsg {

        /** Properties of a TypingMsg. */
        interface $Properties {

            /** TypingMsg sessionType */
            sessionType?: (gochat.SessionType|null);

            /** TypingMsg peerId */
            peerId?: (number|null);

            /** TypingMsg userId */
            userId?: (number|null);

            /** TypingMsg typing */
            typing?: (boolean|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a TypingMsg. */
        type $Shape = gochat.TypingMsg.$Properties;
    }

    /**
     * Properties of a Presence.
     * @deprecated Use gochat.Presence.$Properties instead.
     */
    interface IPresence extends gochat.Presence.$Properties {
    }

    /** Represents a Presence. */
    class Presence {

        /**
         * Constructs a new Presence.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.Presence.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Presence userId. */
        userId: number;

        /** Presence online. */
        online: boolean;

        /** Presence lastSeen. */
        lastSeen: number;

        /**
         * Creates a new Presence instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Presence instance
         */
        static create(properties: gochat.Presence.$Shape): gochat.Presence & gochat.Presence.$Shape;
        static create(properties?: gochat.Presence.$Properties): gochat.Presence;

        /**
         * Encodes the specified Presence message. Does not implicitly {@link gochat.Presence.verify|verify} messages.
         * @param m Presence message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.Presence.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Presence message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.Presence & gochat.Presence.$Shape} Presence
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.Presence & gochat.Presence.$Shape;

        /**
         * Creates a Presence message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns Presence
         */
        static fromObject(d: { [k: string]: any }): gochat.Presence;

        /**
         * Creates a plain object from a Presence message. Also converts values to other types if specified.
         * @param m Presence
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.Presence, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Presence to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Presence
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Presence {

        /** Properties of a Presence. */
        interface $Properties {

            /** Presence userId */
            userId?: (number|null);

            /** Presence online */
            online?: (boolean|null);

            /** Presence lastSeen */
            lastSeen?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Presence. */
        type $Shape = gochat.Presence.$Properties;
    }

    /**
     * Properties of a PresenceMsg.
     * @deprecated Use gochat.PresenceMsg.$Properties instead.
     */
    interface IPresenceMsg extends gochat.PresenceMsg.$Properties {
    }

    /** Represents a PresenceMsg. */
    class PresenceMsg {

        /**
         * Constructs a new PresenceMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.PresenceMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** PresenceMsg presences. */
        presences: gochat.Presence.$Properties[];

        /**
         * Creates a new PresenceMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns PresenceMsg instance
         */
        static create(properties: gochat.PresenceMsg.$Shape): gochat.PresenceMsg & gochat.PresenceMsg.$Shape;
        static create(properties?: gochat.PresenceMsg.$Properties): gochat.PresenceMsg;

        /**
         * Encodes the specified PresenceMsg message. Does not implicitly {@link gochat.PresenceMsg.verify|verify} messages.
         * @param m PresenceMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.PresenceMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a PresenceMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.PresenceMsg & gochat.PresenceMsg.$Shape} PresenceMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.PresenceMsg & gochat.PresenceMsg.$Shape;

        /**
         * Creates a PresenceMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns PresenceMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.PresenceMsg;

        /**
         * Creates a plain object from a PresenceMsg message. Also converts values to other types if specified.
         * @param m PresenceMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.PresenceMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this PresenceMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for PresenceMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace PresenceMsg {

        /** Properties of a PresenceMsg. */
        interface $Properties {

            /** PresenceMsg presences */
            presences?: (gochat.Presence.$Properties[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a PresenceMsg. */
        type $Shape = gochat.PresenceMsg.$Properties;
    }

    /**
     * Properties of a Conversation.
     * @deprecated Use gochat.Conversation.$Properties instead.
     */
    interface IConversation extends gochat.Conversation.$Properties {
    }

    /** Represents a Conversation. */
    class Conversation {

        /**
         * Constructs a new Conversation.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.Conversation.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Conversation sessionType. */
        sessionType: gochat.SessionType;

        /** Conversation peerId. */
        peerId: number;

        /** Conversation lastMessage. */
        lastMessage?: (gochat.Message.$Properties|null);

        /** Conversation readSeq. */
        readSeq: number;

        /** Conversation unread. */
        unread: number;

        /** Conversation peerReadSeq. */
        peerReadSeq: number;

        /**
         * Creates a new Conversation instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Conversation instance
         */
        static create(properties: gochat.Conversation.$Shape): gochat.Conversation & gochat.Conversation.$Shape;
        static create(properties?: gochat.Conversation.$Properties): gochat.Conversation;

        /**
         * Encodes the specified Conversation message. Does not implicitly {@link gochat.Conversation.verify|verify} messages.
         * @param m Conversation message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.Conversation.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Conversation message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.Conversation & gochat.Conversation.$Shape} Conversation
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.Conversation & gochat.Conversation.$Shape;

        /**
         * Creates a Conversation message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns Conversation
         */
        static fromObject(d: { [k: string]: any }): gochat.Conversation;

        /**
         * Creates a plain object from a Conversation message. Also converts values to other types if specified.
         * @param m Conversation
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.Conversation, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this Conversation to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for Conversation
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace Conversation {

        /** Properties of a Conversation. */
        interface $Properties {

            /** Conversation sessionType */
            sessionType?: (gochat.SessionType|null);

            /** Conversation peerId */
            peerId?: (number|null);

            /** Conversation lastMessage */
            lastMessage?: (gochat.Message.$Properties|null);

            /** Conversation readSeq */
            readSeq?: (number|null);

            /** Conversation unread */
            unread?: (number|null);

            /** Conversation peerReadSeq */
            peerReadSeq?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Conversation. */
        type $Shape = gochat.Conversation.$Properties;
    }

    /**
     * Properties of a ConversationsInputMsg.
     * @deprecated Use gochat.ConversationsInputMsg.$Properties instead.
     */
    interface IConversationsInputMsg extends gochat.ConversationsInputMsg.$Properties {
    }

    /** Represents a ConversationsInputMsg. */
    class ConversationsInputMsg {

        /**
         * Constructs a new ConversationsInputMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.ConversationsInputMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ConversationsInputMsg limit. */
        limit: number;

        /**
         * Creates a new ConversationsInputMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ConversationsInputMsg instance
         */
        static create(properties: gochat.ConversationsInputMsg.$Shape): gochat.ConversationsInputMsg & gochat.ConversationsInputMsg.$Shape;
        static create(properties?: gochat.ConversationsInputMsg.$Properties): gochat.ConversationsInputMsg;

        /**
         * Encodes the specified ConversationsInputMsg message. Does not implicitly {@link gochat.ConversationsInputMsg.verify|verify} messages.
         * @param m ConversationsInputMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.ConversationsInputMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ConversationsInputMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.ConversationsInputMsg & gochat.ConversationsInputMsg.$Shape} ConversationsInputMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.ConversationsInputMsg & gochat.ConversationsInputMsg.$Shape;

        /**
         * Creates a ConversationsInputMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns ConversationsInputMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.ConversationsInputMsg;

        /**
         * Creates a plain object from a ConversationsInputMsg message. Also converts values to other types if specified.
         * @param m ConversationsInputMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.ConversationsInputMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ConversationsInputMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ConversationsInputMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ConversationsInputMsg {

        /** Properties of a ConversationsInputMsg. */
        interface $Properties {

            /** ConversationsInputMsg limit */
            limit?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ConversationsInputMsg. */
        type $Shape = gochat.ConversationsInputMsg.$Properties;
    }

    /**
     * Properties of a ConversationsOutputMsg.
     * @deprecated Use gochat.ConversationsOutputMsg.$Properties instead.
     */
    interface IConversationsOutputMsg extends gochat.ConversationsOutputMsg.$Properties {
    }

    /** Represents a ConversationsOutputMsg. */
    class ConversationsOutputMsg {

        /**
         * Constructs a new ConversationsOutputMsg.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.ConversationsOutputMsg.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ConversationsOutputMsg conversations. */
        conversations: gochat.Conversation.$Properties[];

        /**
         * Creates a new ConversationsOutputMsg instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ConversationsOutputMsg instance
         */
        static create(properties: gochat.ConversationsOutputMsg.$Shape): gochat.ConversationsOutputMsg & gochat.ConversationsOutputMsg.$Shape;
        static create(properties?: gochat.ConversationsOutputMsg.$Properties): gochat.ConversationsOutputMsg;

        /**
         * Encodes the specified ConversationsOutputMsg message. Does not implicitly {@link gochat.ConversationsOutputMsg.verify|verify} messages.
         * @param m ConversationsOutputMsg message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.ConversationsOutputMsg.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ConversationsOutputMsg message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.ConversationsOutputMsg & gochat.ConversationsOutputMsg.$Shape} ConversationsOutputMsg
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.ConversationsOutputMsg & gochat.ConversationsOutputMsg.$Shape;

        /**
         * Creates a ConversationsOutputMsg message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns ConversationsOutputMsg
         */
        static fromObject(d: { [k: string]: any }): gochat.ConversationsOutputMsg;

        /**
         * Creates a plain object from a ConversationsOutputMsg message. Also converts values to other types if specified.
         * @param m ConversationsOutputMsg
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.ConversationsOutputMsg, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this ConversationsOutputMsg to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for ConversationsOutputMsg
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace ConversationsOutputMsg {

        /** Properties of a ConversationsOutputMsg. */
        interface $Properties {

            /** ConversationsOutputMsg conversations */
            conversations?: (gochat.Conversation.$Properties[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ConversationsOutputMsg. */
        type $Shape = gochat.ConversationsOutputMsg.$Properties;
    }

    /**
     * Properties of a RecallContent.
     * @deprecated Use gochat.RecallContent.$Properties instead.
     */
    interface IRecallContent extends gochat.RecallContent.$Properties {
    }

    /** Represents a RecallContent. */
    class RecallContent {

        /**
         * Constructs a new RecallContent.
         * @param [p] Properties to set
         */
        constructor(p?: gochat.RecallContent.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RecallContent msgId. */
        msgId: number;

        /**
         * Creates a new RecallContent instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RecallContent instance
         */
        static create(properties: gochat.RecallContent.$Shape): gochat.RecallContent & gochat.RecallContent.$Shape;
        static create(properties?: gochat.RecallContent.$Properties): gochat.RecallContent;

        /**
         * Encodes the specified RecallContent message. Does not implicitly {@link gochat.RecallContent.verify|verify} messages.
         * @param m RecallContent message or plain object to encode
         * @param [w] Writer to encode to
         * @returns Writer
         */
        static encode(m: gochat.RecallContent.$Properties, w?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RecallContent message from the specified reader or buffer.
         * @param r Reader or buffer to decode from
         * @param [l] Message length if known beforehand
         * @returns {gochat.RecallContent & gochat.RecallContent.$Shape} RecallContent
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): gochat.RecallContent & gochat.RecallContent.$Shape;

        /**
         * Creates a RecallContent message from a plain object. Also converts values to their respective internal types.
         * @param d Plain object
         * @returns RecallContent
         */
        static fromObject(d: { [k: string]: any }): gochat.RecallContent;

        /**
         * Creates a plain object from a RecallContent message. Also converts values to other types if specified.
         * @param m RecallContent
         * @param [o] Conversion options
         * @returns Plain object
         */
        static toObject(m: gochat.RecallContent, o?: $protobuf.IConversionOptions): { [k: string]: any };

        /**
         * Converts this RecallContent to JSON.
         * @returns JSON object
         */
        toJSON(): { [k: string]: any };

        /**
         * Gets the type url for RecallContent
         * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns The type url
         */
        static getTypeUrl(prefix?: string): string;
    }

    namespace RecallContent {

        /** Properties of a RecallContent. */
        interface $Properties {

            /** RecallContent msgId */
            msgId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RecallContent. */
        type $Shape = gochat.RecallContent.$Properties;
    }
}
