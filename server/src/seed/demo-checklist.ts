/**
 * The Dutch schouw checklist of the demo: one section per theme of the plan, items that
 * apply per spot type. Coordinators publish their own versions from the console.
 */
import type { ChecklistInput } from '../modules/checklist/checklist.service.js';

export const DEMO_CHECKLIST: ChecklistInput = {
  name: 'Buurtschouw Staatsliedenbuurt',
  sections: [
    {
      theme: 'GROEN_ONDERHOUD',
      title: 'Groen & onderhoud',
      items: [
        { prompt: 'Hoe ziet het groen eruit (gemaaid, gesnoeid, geen onkruid)?', type: 'RATING', spotTypes: ['PLANTSOEN', 'BLOEMBAK', 'BOOM', 'PARK'] },
        { prompt: 'Is hier ruimte voor extra groen, een geveltuin of groenadoptie?', type: 'YES_NO', signalAnswers: ['JA'] },
      ],
    },
    {
      theme: 'BIODIVERSITEIT',
      title: 'Biodiversiteit',
      items: [
        { prompt: 'In welke staat is de nestkast?', type: 'RATING', spotTypes: ['NESTKAST'] },
        { prompt: 'Voor welke dieren is de nestkast?', type: 'CHOICE', choices: ['Vogels', 'Vleermuizen', 'Insecten'], spotTypes: ['NESTKAST'] },
        { prompt: 'Zie je bloeiende planten voor bijen en vlinders?', type: 'YES_NO', spotTypes: ['PLANTSOEN', 'BLOEMBAK', 'PARK'] },
      ],
    },
    {
      theme: 'KLIMAATADAPTATIE',
      title: 'Klimaatadaptatie',
      items: [
        { prompt: 'Blijft hier water staan na een flinke bui?', type: 'YES_NO', signalAnswers: ['JA'] },
        { prompt: 'In welke staat is de regenton of wadi?', type: 'RATING', spotTypes: ['REGENTON_WADI'] },
      ],
    },
    {
      theme: 'SCHOON',
      title: 'Schoon',
      items: [
        { prompt: 'Hoe schoon is het (afval, zwerfvuil, hondenpoep)?', type: 'RATING' },
        { prompt: 'Hoeveel afvalbakken staan hier?', type: 'NUMBER', spotTypes: ['PARK', 'SPEELPLEK', 'ONTMOETINGSPLEK', 'HANGPLEK'] },
      ],
    },
    {
      theme: 'HEEL',
      title: 'Heel',
      items: [
        { prompt: 'In welke staat zijn de bestrating en de paden?', type: 'RATING', spotTypes: ['WANDELPAD', 'PARK', 'SPEELPLEK'] },
        { prompt: 'In welke staat zijn de bankjes en het straatmeubilair?', type: 'RATING', spotTypes: ['ONTMOETINGSPLEK', 'SPEELPLEK', 'PARK', 'HANGPLEK'] },
        { prompt: 'Doet de straatverlichting het?', type: 'YES_NO', signalAnswers: ['NEE'] },
      ],
    },
    {
      theme: 'VEILIG',
      title: 'Veilig',
      items: [
        { prompt: 'Belemmert groen of iets anders het zicht op de weg?', type: 'YES_NO', signalAnswers: ['JA'] },
        { prompt: "Is het hier 's avonds te donker?", type: 'YES_NO', signalAnswers: ['JA'] },
        { prompt: 'Wat valt op aan verkeer en parkeren?', type: 'TEXT', help: 'Bijvoorbeeld te hard rijden of auto’s op de stoep.' },
      ],
    },
    {
      theme: 'ONTMOETEN_SPELEN',
      title: 'Ontmoeten & spelen',
      items: [
        { prompt: 'In welke staat zijn de speeltoestellen?', type: 'RATING', spotTypes: ['SPEELPLEK'] },
        { prompt: 'Hoe vaak wordt deze plek gebruikt?', type: 'CHOICE', choices: ['Vaak', 'Soms', 'Bijna nooit'], spotTypes: ['SPEELPLEK', 'ONTMOETINGSPLEK', 'HANGPLEK', 'PARK'] },
      ],
    },
  ],
};
