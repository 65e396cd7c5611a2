/** The model behind Child.guardianshipIntervention: the child, whose records each field loads (batched across children). */
export interface InterventionOf {
  childId: string;
}
