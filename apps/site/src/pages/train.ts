import { mountNav } from '../common/nav.js';
import { mountTrain } from '../train/page.js';

mountNav('train');
mountTrain(document.getElementById('train-app') as HTMLElement);
