import { inProject } from '../runtime/project-root.js';

/** cta-v1, the codebook a run uses unless it is given another. */
export const defaultCodebook = inProject('codebooks', 'cta-v1.yaml');
