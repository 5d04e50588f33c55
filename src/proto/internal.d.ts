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

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StoredMessage. */
            type $Shape = gochat.internal.StoredMessage.$Properties;
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

            /** PersistBatch userIds. */
            userIds: number[];

            /** PersistBatch seqs. */
            seqs: number[];

            /** PersistBatch msgIds. */
            msgIds: number[];

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

                /** PersistBatch userIds */
                userIds?: (number[]|null);

                /** PersistBatch seqs */
                seqs?: (number[]|null);

                /** PersistBatch msgIds */
                msgIds?: (number[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PersistBatch. */
            type $Shape = gochat.internal.PersistBatch.$Properties;
        }
    }
}
