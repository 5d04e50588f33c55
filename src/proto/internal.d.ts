import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace gochat. */
export namespace gochat {

    /** Namespace internal. */
    namespace internal {

        /**
         * Properties of a StoredMessage.
         * @deprecated Use gochat.internal.StoredMessage.$Properties instead.
         */
        interface IStoredMessage extends gochat.internal.StoredMessage.$Properties {
        }

        /** Represents a StoredMessage. */
        class StoredMessage {

            /**
             * Constructs a new StoredMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: gochat.internal.StoredMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StoredMessage msgId. */
            msgId: number;

            /** StoredMessage senderId. */
            senderId: number;

            /** StoredMessage deviceId. */
            deviceId: string;

            /** StoredMessage clientId. */
            clientId: number;

            /** StoredMessage sessionType. */
            sessionType: number;

            /** StoredMessage receiverId. */
            receiverId: number;

            /** StoredMessage messageType. */
            messageType: number;

            /** StoredMessage content. */
            content: Uint8Array;

            /** StoredMessage sendTime. */
            sendTime: number;

            /** StoredMessage senderSeq. */
            senderSeq: number;

            /** StoredMessage fence. */
            fence: number;

            /**
             * Creates a new StoredMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StoredMessage instance
             */
            static create(properties: gochat.internal.StoredMessage.$Shape): gochat.internal.StoredMessage & gochat.internal.StoredMessage.$Shape;
            static create(properties?: gochat.internal.StoredMessage.$Properties): gochat.internal.StoredMessage;

            /**
             * Encodes the specified StoredMessage message. Does not implicitly {@link gochat.internal.StoredMessage.verify|verify} messages.
             * @param message StoredMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gochat.internal.StoredMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StoredMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gochat.internal.StoredMessage & gochat.internal.StoredMessage.$Shape} StoredMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gochat.internal.StoredMessage & gochat.internal.StoredMessage.$Shape;

            /**
             * Creates a StoredMessage message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StoredMessage
             */
            static fromObject(object: { [k: string]: any }): gochat.internal.StoredMessage;

            /**
             * Creates a plain object from a StoredMessage message. Also converts values to other types if specified.
             * @param message StoredMessage
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gochat.internal.StoredMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StoredMessage to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for StoredMessage
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace StoredMessage {

            /** Properties of a StoredMessage. */
            interface $Properties {

                /** StoredMessage msgId */
                msgId?: (number|null);

                /** StoredMessage senderId */
                senderId?: (number|null);

                /** StoredMessage deviceId */
                deviceId?: (string|null);

                /** StoredMessage clientId */
                clientId?: (number|null);

                /** StoredMessage sessionType */
                sessionType?: (number|null);

                /** StoredMessage receiverId */
                receiverId?: (number|null);

                /** StoredMessage messageType */
                messageType?: (number|null);

                /** StoredMessage content */
                content?: (Uint8Array|null);

                /** StoredMessage sendTime */
                sendTime?: (number|null);

                /** StoredMessage senderSeq */
                senderSeq?: (number|null);

                /** StoredMessage fence */
                fence?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StoredMessage. */
            type $Shape = gochat.internal.StoredMessage.$Properties;
        }

        /**
         * Properties of a StoredRejection.
         * @deprecated Use gochat.internal.StoredRejection.$Properties instead.
         */
        interface IStoredRejection extends gochat.internal.StoredRejection.$Properties {
        }

        /** Represents a StoredRejection. */
        class StoredRejection {

            /**
             * Constructs a new StoredRejection.
             * @param [properties] Properties to set
             */
            constructor(properties?: gochat.internal.StoredRejection.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StoredRejection senderId. */
            senderId: number;

            /** StoredRejection deviceId. */
            deviceId: string;

            /** StoredRejection clientId. */
            clientId: number;

            /** StoredRejection code. */
            code: number;

            /** StoredRejection msg. */
            msg: string;

            /** StoredRejection fence. */
            fence: number;

            /**
             * Creates a new StoredRejection instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StoredRejection instance
             */
            static create(properties: gochat.internal.StoredRejection.$Shape): gochat.internal.StoredRejection & gochat.internal.StoredRejection.$Shape;
            static create(properties?: gochat.internal.StoredRejection.$Properties): gochat.internal.StoredRejection;

            /**
             * Encodes the specified StoredRejection message. Does not implicitly {@link gochat.internal.StoredRejection.verify|verify} messages.
             * @param message StoredRejection message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gochat.internal.StoredRejection.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StoredRejection message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gochat.internal.StoredRejection & gochat.internal.StoredRejection.$Shape} StoredRejection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gochat.internal.StoredRejection & gochat.internal.StoredRejection.$Shape;

            /**
             * Creates a StoredRejection message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StoredRejection
             */
            static fromObject(object: { [k: string]: any }): gochat.internal.StoredRejection;

            /**
             * Creates a plain object from a StoredRejection message. Also converts values to other types if specified.
             * @param message StoredRejection
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gochat.internal.StoredRejection, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StoredRejection to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for StoredRejection
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace StoredRejection {

            /** Properties of a StoredRejection. */
            interface $Properties {

                /** StoredRejection senderId */
                senderId?: (number|null);

                /** StoredRejection deviceId */
                deviceId?: (string|null);

                /** StoredRejection clientId */
                clientId?: (number|null);

                /** StoredRejection code */
                code?: (number|null);

                /** StoredRejection msg */
                msg?: (string|null);

                /** StoredRejection fence */
                fence?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StoredRejection. */
            type $Shape = gochat.internal.StoredRejection.$Properties;
        }

        /**
         * Properties of a PersistBatch.
         * @deprecated Use gochat.internal.PersistBatch.$Properties instead.
         */
        interface IPersistBatch extends gochat.internal.PersistBatch.$Properties {
        }

        /** Represents a PersistBatch. */
        class PersistBatch {

            /**
             * Constructs a new PersistBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: gochat.internal.PersistBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PersistBatch messages. */
            messages: gochat.internal.StoredMessage.$Properties[];

            /** PersistBatch rejections. */
            rejections: gochat.internal.StoredRejection.$Properties[];

            /** PersistBatch userIds. */
            userIds: number[];

            /** PersistBatch seqs. */
            seqs: number[];

            /** PersistBatch msgIds. */
            msgIds: number[];

            /** PersistBatch userIdsF64. */
            userIdsF64: Uint8Array;

            /** PersistBatch seqsF64. */
            seqsF64: Uint8Array;

            /** PersistBatch msgIdsF64. */
            msgIdsF64: Uint8Array;

            /**
             * Creates a new PersistBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PersistBatch instance
             */
            static create(properties: gochat.internal.PersistBatch.$Shape): gochat.internal.PersistBatch & gochat.internal.PersistBatch.$Shape;
            static create(properties?: gochat.internal.PersistBatch.$Properties): gochat.internal.PersistBatch;

            /**
             * Encodes the specified PersistBatch message. Does not implicitly {@link gochat.internal.PersistBatch.verify|verify} messages.
             * @param message PersistBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gochat.internal.PersistBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PersistBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gochat.internal.PersistBatch & gochat.internal.PersistBatch.$Shape} PersistBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gochat.internal.PersistBatch & gochat.internal.PersistBatch.$Shape;

            /**
             * Creates a PersistBatch message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PersistBatch
             */
            static fromObject(object: { [k: string]: any }): gochat.internal.PersistBatch;

            /**
             * Creates a plain object from a PersistBatch message. Also converts values to other types if specified.
             * @param message PersistBatch
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gochat.internal.PersistBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PersistBatch to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PersistBatch
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PersistBatch {

            /** Properties of a PersistBatch. */
            interface $Properties {

                /** PersistBatch messages */
                messages?: (gochat.internal.StoredMessage.$Properties[]|null);

                /** PersistBatch rejections */
                rejections?: (gochat.internal.StoredRejection.$Properties[]|null);

                /** PersistBatch userIds */
                userIds?: (number[]|null);

                /** PersistBatch seqs */
                seqs?: (number[]|null);

                /** PersistBatch msgIds */
                msgIds?: (number[]|null);

                /** PersistBatch userIdsF64 */
                userIdsF64?: (Uint8Array|null);

                /** PersistBatch seqsF64 */
                seqsF64?: (Uint8Array|null);

                /** PersistBatch msgIdsF64 */
                msgIdsF64?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PersistBatch. */
            type $Shape = gochat.internal.PersistBatch.$Properties;
        }

        /**
         * Properties of a RemotePush.
         * @deprecated Use gochat.internal.RemotePush.$Properties instead.
         */
        interface IRemotePush extends gochat.internal.RemotePush.$Properties {
        }

        /** Represents a RemotePush. */
        class RemotePush {

            /**
             * Constructs a new RemotePush.
             * @param [properties] Properties to set
             */
            constructor(properties?: gochat.internal.RemotePush.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RemotePush userId. */
            userId: number;

            /** RemotePush exceptDevice. */
            exceptDevice: string;

            /** RemotePush seq. */
            seq: number;

            /** RemotePush output. */
            output: Uint8Array;

            /** RemotePush sendTime. */
            sendTime: number;

            /**
             * Creates a new RemotePush instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RemotePush instance
             */
            static create(properties: gochat.internal.RemotePush.$Shape): gochat.internal.RemotePush & gochat.internal.RemotePush.$Shape;
            static create(properties?: gochat.internal.RemotePush.$Properties): gochat.internal.RemotePush;

            /**
             * Encodes the specified RemotePush message. Does not implicitly {@link gochat.internal.RemotePush.verify|verify} messages.
             * @param message RemotePush message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gochat.internal.RemotePush.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RemotePush message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gochat.internal.RemotePush & gochat.internal.RemotePush.$Shape} RemotePush
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gochat.internal.RemotePush & gochat.internal.RemotePush.$Shape;

            /**
             * Creates a RemotePush message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RemotePush
             */
            static fromObject(object: { [k: string]: any }): gochat.internal.RemotePush;

            /**
             * Creates a plain object from a RemotePush message. Also converts values to other types if specified.
             * @param message RemotePush
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gochat.internal.RemotePush, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RemotePush to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for RemotePush
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace RemotePush {

            /** Properties of a RemotePush. */
            interface $Properties {

                /** RemotePush userId */
                userId?: (number|null);

                /** RemotePush exceptDevice */
                exceptDevice?: (string|null);

                /** RemotePush seq */
                seq?: (number|null);

                /** RemotePush output */
                output?: (Uint8Array|null);

                /** RemotePush sendTime */
                sendTime?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RemotePush. */
            type $Shape = gochat.internal.RemotePush.$Properties;
        }

        /**
         * Properties of a FanoutPush.
         * @deprecated Use gochat.internal.FanoutPush.$Properties instead.
         */
        interface IFanoutPush extends gochat.internal.FanoutPush.$Properties {
        }

        /** Represents a FanoutPush. */
        class FanoutPush {

            /**
             * Constructs a new FanoutPush.
             * @param [properties] Properties to set
             */
            constructor(properties?: gochat.internal.FanoutPush.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FanoutPush body. */
            body: Uint8Array;

            /** FanoutPush sendTime. */
            sendTime: number;

            /** FanoutPush senderId. */
            senderId: number;

            /** FanoutPush senderDevice. */
            senderDevice: string;

            /** FanoutPush userIdsF64. */
            userIdsF64: Uint8Array;

            /** FanoutPush seqsF64. */
            seqsF64: Uint8Array;

            /**
             * Creates a new FanoutPush instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FanoutPush instance
             */
            static create(properties: gochat.internal.FanoutPush.$Shape): gochat.internal.FanoutPush & gochat.internal.FanoutPush.$Shape;
            static create(properties?: gochat.internal.FanoutPush.$Properties): gochat.internal.FanoutPush;

            /**
             * Encodes the specified FanoutPush message. Does not implicitly {@link gochat.internal.FanoutPush.verify|verify} messages.
             * @param message FanoutPush message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gochat.internal.FanoutPush.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FanoutPush message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gochat.internal.FanoutPush & gochat.internal.FanoutPush.$Shape} FanoutPush
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gochat.internal.FanoutPush & gochat.internal.FanoutPush.$Shape;

            /**
             * Creates a FanoutPush message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns FanoutPush
             */
            static fromObject(object: { [k: string]: any }): gochat.internal.FanoutPush;

            /**
             * Creates a plain object from a FanoutPush message. Also converts values to other types if specified.
             * @param message FanoutPush
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gochat.internal.FanoutPush, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FanoutPush to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for FanoutPush
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace FanoutPush {

            /** Properties of a FanoutPush. */
            interface $Properties {

                /** FanoutPush body */
                body?: (Uint8Array|null);

                /** FanoutPush sendTime */
                sendTime?: (number|null);

                /** FanoutPush senderId */
                senderId?: (number|null);

                /** FanoutPush senderDevice */
                senderDevice?: (string|null);

                /** FanoutPush userIdsF64 */
                userIdsF64?: (Uint8Array|null);

                /** FanoutPush seqsF64 */
                seqsF64?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FanoutPush. */
            type $Shape = gochat.internal.FanoutPush.$Properties;
        }

        /**
         * Properties of a PushBatch.
         * @deprecated Use gochat.internal.PushBatch.$Properties instead.
         */
        interface IPushBatch extends gochat.internal.PushBatch.$Properties {
        }

        /** Represents a PushBatch. */
        class PushBatch {

            /**
             * Constructs a new PushBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: gochat.internal.PushBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PushBatch pushes. */
            pushes: gochat.internal.RemotePush.$Properties[];

            /** PushBatch fanouts. */
            fanouts: gochat.internal.FanoutPush.$Properties[];

            /** PushBatch signals. */
            signals: gochat.internal.SignalPush.$Properties[];

            /**
             * Creates a new PushBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PushBatch instance
             */
            static create(properties: gochat.internal.PushBatch.$Shape): gochat.internal.PushBatch & gochat.internal.PushBatch.$Shape;
            static create(properties?: gochat.internal.PushBatch.$Properties): gochat.internal.PushBatch;

            /**
             * Encodes the specified PushBatch message. Does not implicitly {@link gochat.internal.PushBatch.verify|verify} messages.
             * @param message PushBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gochat.internal.PushBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PushBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gochat.internal.PushBatch & gochat.internal.PushBatch.$Shape} PushBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gochat.internal.PushBatch & gochat.internal.PushBatch.$Shape;

            /**
             * Creates a PushBatch message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PushBatch
             */
            static fromObject(object: { [k: string]: any }): gochat.internal.PushBatch;

            /**
             * Creates a plain object from a PushBatch message. Also converts values to other types if specified.
             * @param message PushBatch
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gochat.internal.PushBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PushBatch to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PushBatch
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PushBatch {

            /** Properties of a PushBatch. */
            interface $Properties {

                /** PushBatch pushes */
                pushes?: (gochat.internal.RemotePush.$Properties[]|null);

                /** PushBatch fanouts */
                fanouts?: (gochat.internal.FanoutPush.$Properties[]|null);

                /** PushBatch signals */
                signals?: (gochat.internal.SignalPush.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PushBatch. */
            type $Shape = gochat.internal.PushBatch.$Properties;
        }

        /**
         * Properties of a SignalPush.
         * @deprecated Use gochat.internal.SignalPush.$Properties instead.
         */
        interface ISignalPush extends gochat.internal.SignalPush.$Properties {
        }

        /** Represents a SignalPush. */
        class SignalPush {

            /**
             * Constructs a new SignalPush.
             * @param [properties] Properties to set
             */
            constructor(properties?: gochat.internal.SignalPush.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SignalPush output. */
            output: Uint8Array;

            /** SignalPush userIdsF64. */
            userIdsF64: Uint8Array;

            /** SignalPush exceptUser. */
            exceptUser: number;

            /** SignalPush exceptDevice. */
            exceptDevice: string;

            /**
             * Creates a new SignalPush instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SignalPush instance
             */
            static create(properties: gochat.internal.SignalPush.$Shape): gochat.internal.SignalPush & gochat.internal.SignalPush.$Shape;
            static create(properties?: gochat.internal.SignalPush.$Properties): gochat.internal.SignalPush;

            /**
             * Encodes the specified SignalPush message. Does not implicitly {@link gochat.internal.SignalPush.verify|verify} messages.
             * @param message SignalPush message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gochat.internal.SignalPush.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SignalPush message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gochat.internal.SignalPush & gochat.internal.SignalPush.$Shape} SignalPush
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gochat.internal.SignalPush & gochat.internal.SignalPush.$Shape;

            /**
             * Creates a SignalPush message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns SignalPush
             */
            static fromObject(object: { [k: string]: any }): gochat.internal.SignalPush;

            /**
             * Creates a plain object from a SignalPush message. Also converts values to other types if specified.
             * @param message SignalPush
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gochat.internal.SignalPush, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this SignalPush to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for SignalPush
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace SignalPush {

            /** Properties of a SignalPush. */
            interface $Properties {

                /** SignalPush output */
                output?: (Uint8Array|null);

                /** SignalPush userIdsF64 */
                userIdsF64?: (Uint8Array|null);

                /** SignalPush exceptUser */
                exceptUser?: (number|null);

                /** SignalPush exceptDevice */
                exceptDevice?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SignalPush. */
            type $Shape = gochat.internal.SignalPush.$Properties;
        }

        /**
         * Properties of a PushReply.
         * @deprecated Use gochat.internal.PushReply.$Properties instead.
         */
        interface IPushReply extends gochat.internal.PushReply.$Properties {
        }

        /** Represents a PushReply. */
        class PushReply {

            /**
             * Constructs a new PushReply.
             * @param [properties] Properties to set
             */
            constructor(properties?: gochat.internal.PushReply.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PushReply delivered. */
            delivered: number;

            /**
             * Creates a new PushReply instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PushReply instance
             */
            static create(properties: gochat.internal.PushReply.$Shape): gochat.internal.PushReply & gochat.internal.PushReply.$Shape;
            static create(properties?: gochat.internal.PushReply.$Properties): gochat.internal.PushReply;

            /**
             * Encodes the specified PushReply message. Does not implicitly {@link gochat.internal.PushReply.verify|verify} messages.
             * @param message PushReply message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: gochat.internal.PushReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PushReply message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {gochat.internal.PushReply & gochat.internal.PushReply.$Shape} PushReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): gochat.internal.PushReply & gochat.internal.PushReply.$Shape;

            /**
             * Creates a PushReply message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns PushReply
             */
            static fromObject(object: { [k: string]: any }): gochat.internal.PushReply;

            /**
             * Creates a plain object from a PushReply message. Also converts values to other types if specified.
             * @param message PushReply
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: gochat.internal.PushReply, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this PushReply to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };

            /**
             * Gets the type url for PushReply
             * @param [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns The type url
             */
            static getTypeUrl(prefix?: string): string;
        }

        namespace PushReply {

            /** Properties of a PushReply. */
            interface $Properties {

                /** PushReply delivered */
                delivered?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PushReply. */
            type $Shape = gochat.internal.PushReply.$Properties;
        }

        /** Represents a Delivery */
        class Delivery extends $protobuf.rpc.Service {

            /**
             * Constructs a new Delivery service.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             */
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

            /**
             * Creates new Delivery service using the specified rpc implementation.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             * @returns RPC service. Useful where requests and/or responses are streamed.
             */
            static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Delivery;

            /** Calls Push. */
            push: gochat.internal.Delivery.Push;

            /** Calls PushStream. */
            pushStream: gochat.internal.Delivery.PushStream;
        }

        namespace Delivery {

            /**
             * Callback as used by {@link gochat.internal.Delivery#push}.
             * @param error Error, if any
             * @param [response] PushReply
             */
            type PushCallback = (error: (Error|null), response?: gochat.internal.PushReply) => void;

            /** Calls Push. */
            type Push = {
              (request: gochat.internal.IPushBatch, callback: gochat.internal.Delivery.PushCallback): void;
              (request: gochat.internal.IPushBatch): Promise<gochat.internal.PushReply>;
              readonly name: "Push";
              readonly path: "/gochat.internal.Delivery/Push";
              readonly requestType: "PushBatch";
              readonly responseType: "PushReply";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };

            /**
             * Callback as used by {@link gochat.internal.Delivery#pushStream}.
             * @param error Error, if any
             * @param [response] PushReply
             */
            type PushStreamCallback = (error: (Error|null), response?: gochat.internal.PushReply) => void;

            /** Calls PushStream. */
            type PushStream = {
              (request: gochat.internal.IPushBatch, callback: gochat.internal.Delivery.PushStreamCallback): void;
              (request: gochat.internal.IPushBatch): Promise<gochat.internal.PushReply>;
              readonly name: "PushStream";
              readonly path: "/gochat.internal.Delivery/PushStream";
              readonly requestType: "PushBatch";
              readonly responseType: "PushReply";
              readonly requestStream: true;
              readonly responseStream: undefined;
            };
        }
    }
}
