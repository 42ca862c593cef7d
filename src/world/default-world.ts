import type { World } from '../contract/types.js';

/**
 * The default world, mirrored from `fixtures/world.json` so it is available without the repository
 * (an installed package, a bundled test). A test keeps the two equal; edit both together.
 *
 * @example
 * DEFAULT_WORLD.stacks[0]?.StackId; // '0426aba7-d9a4-4e01-87a3-6b4d1145b26d'
 */
export const DEFAULT_WORLD: World = {
  stacks: [
    {
      StackId: '0426aba7-d9a4-4e01-87a3-6b4d1145b26d',
      AppIds: ['ca065bd9-975f-4c2d-a0de-fb226a6fa348', 'be25371c-bb46-4a7e-b8ea-39d6773fbbce'],
      LayerIds: ['ed746774-93b2-4748-89f0-c6e34bffc963', '23521fd5-fea5-4ad2-8115-13d4882d9ff0'],
      InstanceIds: [
        '7cd27b17-48f4-4b82-8639-79569d71bd86',
        '52c52c32-cab9-4b99-9ad9-655dc04d5e13',
        '9406331b-4524-48a6-862c-badf10613b9f',
      ],
    },
    {
      StackId: 'feac2194-1dee-49a6-9d5f-ddd4480adac1',
      AppIds: ['57a43500-3cfa-4d97-a0cb-09d91198a375', 'b17acf90-2a43-4cdb-8eb2-d0ad1c866933'],
      LayerIds: ['186ae747-5a2e-40af-9093-f9fe267722b1', '50d2db26-0743-4a51-9e22-45d27c640003'],
      InstanceIds: [
        '482c2468-b711-435f-9404-35a81bc3bd0a',
        'ca448311-7bb1-4dc7-b17a-2c23371de495',
        '7f76b64f-fffd-45de-8018-df5e2847b483',
      ],
    },
  ],
};
