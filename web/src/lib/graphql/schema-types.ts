/** The schema's enums as the web app uses them, typed from schema.graphql. */
import type { SchemaType } from './graphql.js';

export type CampaignKind = SchemaType<'CampaignKind'>;
export type CampaignStatus = SchemaType<'CampaignStatus'>;
export type FindingStatus = SchemaType<'FindingStatus'>;
export type ActionItemStatus = SchemaType<'ActionItemStatus'>;
export type StaffRole = SchemaType<'StaffRole'>;
export type Rating = SchemaType<'Rating'>;
export type Theme = SchemaType<'Theme'>;
export type SpotType = SchemaType<'SpotType'>;
export type ScoreChange = SchemaType<'ScoreChange'>;
/** A score's level: a rating, never "n.v.t.". */
export type ScoreLevel = Exclude<Rating, 'NVT'>;
