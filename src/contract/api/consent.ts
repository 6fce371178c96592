/** The consent objectives defined in the settings: named purposes a profile has or has not agreed to. */
import type { ConsentObjective } from '../model.ts';

/** Maximum length of a consent objective's label, in characters. */
export const MAX_CONSENT_LABEL_LENGTH = 80;

export interface ConsentApi {
  /**
   * Adds an objective whose id is made from its label ("Email marketing" becomes "email_marketing").
   * Rejects with 'invalid-input' for a missing or too long label, or one that another objective has.
   */
  addConsentObjective(request: { label: string }): Promise<ConsentObjective>;
  /** Changes an objective's label; its id, which profiles and connections refer to, stays. */
  renameConsentObjective(request: { id: string; label: string }): Promise<ConsentObjective>;
  /**
   * Deletes an objective. Rejects with 'invalid-input' naming the connections that require it or map a
   * column to it. Consent that profiles recorded for it stays with the profiles.
   */
  deleteConsentObjective(request: { id: string }): Promise<void>;
}
