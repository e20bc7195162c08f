/**
 * zod's messages in Dutch. Validation messages reach people through the UI (GraphQL
 * arguments on the main thread, field commands in the sync worker), and zod keeps its
 * locale per thread: every entry point that validates imports this module once.
 */
import { z } from 'zod';

z.config(z.locales.nl());
