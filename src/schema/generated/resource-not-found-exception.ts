/**
 * Generated from src/schema/resource-not-found-exception.schema.json by json-schema-to-typescript. Do not edit:
 * run `npm run derive:schema && npm run gen:types` to regenerate.
 */

/**
 * Indicates that a resource was not found.
 */
export interface ResourceNotFoundException {
  /**
   * The error type (awsJson1_1 protocol, not a model member), e.g. `com.amazonaws.opsworks#ResourceNotFoundException`. It may instead travel in the `code` member or the X-Amzn-Errortype header.
   */
  __type?: string;
  /**
   * The exception message.
   */
  message?: string;
}
